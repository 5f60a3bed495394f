package io.kubefile.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a blob's bytes come from when pushing. Opened once per attempt, so a failed upload can
 * start over; the stream must yield exactly the descriptor's size in bytes.
 */
@FunctionalInterface
public interface BlobSource {

  InputStream open() throws IOException;

  /** The content of {@code file}. */
  static BlobSource of(Path file) {
    return () -> Files.newInputStream(file);
  }

  /** Content held in memory (configs, small layers in tests). */
  static BlobSource of(byte[] content) {
    return () -> new java.io.ByteArrayInputStream(content);
  }
}
