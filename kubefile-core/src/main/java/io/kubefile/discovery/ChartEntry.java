package io.kubefile.discovery;

import java.nio.file.Path;

/**
 * One chart of a build context: a directory or a {@code *tgz} archive directly under {@code charts/}.
 *
 * @param path the directory or archive
 * @param relativePath its path relative to the build context, e.g. {@code charts/mychart}
 */
record ChartEntry(Path path, String relativePath) {
  boolean isArchive() {
    return !java.nio.file.Files.isDirectory(path);
  }
}
