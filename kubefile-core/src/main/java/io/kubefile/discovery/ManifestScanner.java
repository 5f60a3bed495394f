package io.kubefile.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds images in {@code manifests/}: every {@code .yaml}, {@code .yml} and {@code .tmpl} file (any case,
 * recursively, directory symlinks not followed), scanned raw with {@link ImageLineRule}. {@code .tmpl}
 * files are not rendered (that happens at run time), so only their literal references are found.
 */
final class ManifestScanner {
  static final String DIRECTORY = "manifests";
  private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".tmpl");

  private final Path context;

  ManifestScanner(Path context) {
    this.context = context;
  }

  void scanInto(ImageCollector collector) {
    Path root = context.resolve(DIRECTORY);
    if (!Files.isDirectory(root)) {
      return;
    }
    LineScanner scanner = new LineScanner(collector);
    for (Path file : manifestFiles(root)) {
      scanner.scan(TextLines.relative(context, file), 1, TextLines.read(file), SourceKind.MANIFEST);
    }
  }

  private static List<Path> manifestFiles(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).filter(ManifestScanner::isManifest).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }
}
