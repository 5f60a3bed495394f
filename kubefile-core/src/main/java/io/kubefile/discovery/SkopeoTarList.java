package io.kubefile.discovery;

import io.kubefile.image.ImageReference;
import io.kubefile.image.ImageReference.InvalidReferenceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code images/skopeo/tar.txt}: lines {@code docker-archive:PATH@NAME} or {@code
 * oci-archive:PATH@NAME}, split at the first {@code @} (SEALOS_COMPAT §2.5). PATH is resolved under
 * {@code images/skopeo/}, absolute paths included, as upstream does. Blank lines are skipped; anything else
 * fails with its line number. NAME is validated and normalized (upstream stores it verbatim).
 */
final class SkopeoTarList {
  static final Path DIRECTORY = Path.of("images", "skopeo");
  static final Path FILE = DIRECTORY.resolve("tar.txt");

  private final Path context;

  SkopeoTarList(Path context) {
    this.context = context;
  }

  void readInto(ImageCollector collector) {
    Path file = context.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return;
    }
    String relativeFile = TextLines.relative(context, file);
    List<String> lines = TextLines.read(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = relativeFile + ":" + (i + 1) + ": ";
      collector.add(parse(line, where), new ImageSource(relativeFile, i + 1, SourceKind.ARCHIVE, line));
    }
  }

  private static ImageLocation parse(String line, String where) {
    int at = line.indexOf('@');
    if (at < 0) {
      throw new DiscoveryException(
          where + "invalid archive entry \"" + line + "\": expected docker-archive:PATH@NAME or oci-archive:PATH@NAME");
    }
    String archive = line.substring(0, at);
    ImageTransport transport;
    if (archive.startsWith(ImageTransport.DOCKER_ARCHIVE.prefix())) {
      transport = ImageTransport.DOCKER_ARCHIVE;
    } else if (archive.startsWith(ImageTransport.OCI_ARCHIVE.prefix())) {
      transport = ImageTransport.OCI_ARCHIVE;
    } else {
      throw new DiscoveryException(
          where + "invalid archive entry \"" + line + "\": must start with docker-archive: or oci-archive:");
    }
    String path = archive.substring(transport.prefix().length()).replaceFirst("^/+", "");
    if (path.isEmpty()) {
      throw new DiscoveryException(where + "invalid archive entry \"" + line + "\": empty archive path");
    }
    String resolved = DIRECTORY.resolve(path).normalize().toString().replace('\\', '/');
    try {
      return new ImageLocation(transport, ImageReference.parse(line.substring(at + 1)), resolved);
    } catch (InvalidReferenceException e) {
      throw new DiscoveryException(where + e.getMessage(), e);
    }
  }
}
