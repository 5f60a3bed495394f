package io.kubefile.discovery;

import io.kubefile.image.ImageReference;
import java.nio.file.Path;

/**
 * Turns one shim-list entry into an {@link ImageLocation}. An entry is a reference ({@code nginx:1.25}),
 * or a reference behind a local-store transport ({@code containers-storage:…}, {@code docker-daemon:…}),
 * or an archive in containers/image syntax ({@code docker-archive:PATH[:NAME]}, {@code
 * oci-archive:PATH[:NAME]}, PATH relative to the build context).
 */
final class ShimEntryParser {
  private ShimEntryParser() {}

  /**
   * @throws ImageReference.InvalidReferenceException when the entry holds no valid reference
   */
  static ImageLocation parse(String entry) {
    for (ImageTransport transport : ImageTransport.values()) {
      if (transport == ImageTransport.REGISTRY || !entry.startsWith(transport.prefix())) {
        continue;
      }
      String rest = entry.substring(transport.prefix().length());
      if (!transport.isArchive()) {
        return new ImageLocation(transport, ImageReference.parse(rest), null);
      }
      return archive(transport, rest);
    }
    return ImageLocation.registry(ImageReference.parse(entry));
  }

  // containers/image splits "path:reference" at the first colon.
  private static ImageLocation archive(ImageTransport transport, String pathAndName) {
    int colon = pathAndName.indexOf(':');
    String path = colon < 0 ? pathAndName : pathAndName.substring(0, colon);
    if (path.isEmpty()) {
      throw new ImageReference.InvalidReferenceException(pathAndName, "archive path is empty");
    }
    ImageReference name = colon < 0 ? null : ImageReference.parse(pathAndName.substring(colon + 1));
    String normalizedPath = Path.of(path).normalize().toString().replace('\\', '/');
    return new ImageLocation(transport, name, normalizedPath);
  }
}
