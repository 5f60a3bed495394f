package io.kubefile.discovery;

import io.kubefile.image.ImageReference.InvalidReferenceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the image lists under {@code images/shim/}: every regular file, recursively, whatever its name.
 * Lines are trimmed, blank and {@code #} lines skipped, one pair of quotes removed. Each remaining line must
 * be an image (see {@link ShimEntryParser}); unlike upstream, which copies lines verbatim and fails later
 * in the pull with no file name, a bad line fails discovery with its file and line number, and good lines
 * are normalized so that {@code nginx} and {@code docker.io/library/nginx:latest} are one image.
 */
final class ShimListReader {
  static final Path DIRECTORY = Path.of("images", "shim");

  private final Path context;

  ShimListReader(Path context) {
    this.context = context;
  }

  void readInto(ImageCollector collector) {
    Path root = context.resolve(DIRECTORY);
    if (!Files.isDirectory(root)) {
      return;
    }
    for (Path file : listFiles(root)) {
      String relativeFile = TextLines.relative(context, file);
      List<String> lines = TextLines.read(file);
      for (int i = 0; i < lines.size(); i++) {
        String entry = TextLines.trimOneQuotePair(lines.get(i).strip());
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        int lineNumber = i + 1;
        try {
          collector.add(
              ShimEntryParser.parse(entry), new ImageSource(relativeFile, lineNumber, SourceKind.SHIM, entry));
        } catch (InvalidReferenceException e) {
          throw new DiscoveryException(relativeFile + ":" + lineNumber + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private static List<Path> listFiles(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }
}
