package io.kubefile.save;

import io.kubefile.discovery.ImageLocation;
import io.kubefile.discovery.ImageTransport;
import io.kubefile.image.ImageReference;
import io.kubefile.image.access.TransportReference;

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
      TransportReference parsed;
      try {
        parsed = TransportReference.parse(entry);
      } catch (ImageReference.InvalidReferenceException e) {
        throw new ImageReference.InvalidReferenceException(text, "archive path is empty");
      }
      String path = parsed.path();
      ImageReference name = parsed.name() == null ? null : ImageReference.parse(parsed.name());
      return new ImageLocation(transport, name, path);
    }
    if (entry.startsWith(TransportReference.Transport.DOCKER.prefix())) {
      return ImageLocation.registry(ImageReference.parse(TransportReference.parse(entry).name()));
    }
    return ImageLocation.registry(ImageReference.parse(entry));
  }
}
