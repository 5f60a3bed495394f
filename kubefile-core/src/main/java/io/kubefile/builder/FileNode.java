package io.kubefile.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A file-system entry seen by COPY: in the build context on disk, or in an earlier stage's
 * file system. Content is read lazily, so COPY never holds file data in memory.
 */
public record FileNode(
    String path, Kind kind, int mode, long size, String linkTarget, Path diskFile, byte[] content,
    Object fileKey) {

  /** The kinds of entry COPY distinguishes. */
  public enum Kind { FILE, DIRECTORY, SYMLINK }

  public boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }

  public InputStream open() throws IOException {
    if (content != null) {
      return new java.io.ByteArrayInputStream(content);
    }
    return java.nio.file.Files.newInputStream(diskFile);
  }
}
