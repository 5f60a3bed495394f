package io.kubefile.lang.shell;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the read-only buildkit conformance corpus that surefire points {@code kubefile.shared} at. */
final class SharedConformance {
  private SharedConformance() {}

  static Path file(String relative) {
    String shared = System.getProperty("kubefile.shared");
    if (shared == null) {
      throw new IllegalStateException("system property kubefile.shared is not set (run the tests through Maven)");
    }
    Path path = Path.of(shared, "conformance", "kubefile").resolve(relative);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("conformance file missing: " + path);
    }
    return path;
  }
}
