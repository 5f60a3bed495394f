package io.kubefile.transport;

import io.kubefile.image.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A regular file read from an archive: its digest and size always; its content in memory when
 * small, or on disk when the archive was extracted.
 */
public record ArchiveFile(String name, Digest digest, long size, boolean gzipped, byte[] content, Path file) {
  public byte[] bytes() throws IOException {
    if (content != null) {
      return content;
    }
    if (file != null) {
      return Files.readAllBytes(file);
    }
    throw new IOException("archive entry " + name + " is too large to read into memory");
  }
}
