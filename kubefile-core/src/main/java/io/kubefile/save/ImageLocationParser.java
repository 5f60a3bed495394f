package io.kubefile.save;

import io.kubefile.discovery.ImageLocation;
import io.kubefile.discovery.ImageTransport;
import io.kubefile.image.ImageReference;

/**
 * Reads an image given on the command line ({@code kubefile registry save --images}) with the syntax
 * of a shim-list entry: a reference ({@code nginx:1.25}), {@code docker-archive:PATH[:NAME]}, {@code
 * oci-archive:PATH[:NAME]}, or {@code containers-storage:}/{@code docker-daemon:} followed by a
 * reference (accepted here, refused with advice when saved).
 */
public final class ImageLocationParser {
  private ImageLocationParser() {}

  /** @throws ImageReference.InvalidReferenceException when no valid reference or path is given */
  public static ImageLocation parse(String text) {
    String entry = text.strip();
    for (ImageTransport transport : ImageTransport.values()) {
      if (transport == ImageTransport.REGISTRY || !entry.startsWith(transport.prefix())) {
        continue;
      }
      String rest = entry.substring(transport.prefix().length());
      if (!transport.isArchive()) {
        return new ImageLocation(transport, ImageReference.parse(rest), null);
      }
      // containers/image splits PATH:NAME at the first colon.
      int colon = rest.indexOf(':');
      String path = colon < 0 ? rest : rest.substring(0, colon);
      if (path.isEmpty()) {
        throw new ImageReference.InvalidReferenceException(text, "archive path is empty");
      }
      ImageReference name = colon < 0 ? null : ImageReference.parse(rest.substring(colon + 1));
      return new ImageLocation(transport, name, path);
    }
    return ImageLocation.registry(ImageReference.parse(entry));
  }
}
