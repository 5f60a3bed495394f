package io.kubefile.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Every file Kubefile writes (blobs, indexes, links, archives, auth files, cache records) becomes
 * visible only when complete: it is written next to its destination and renamed into place, so a
 * killed process leaves at most a temporary file, never a half-written one.
 */
public final class AtomicFiles {
  /** Writes the content of a file being created. */
  @FunctionalInterface
  public interface ContentWriter {
    void write(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Atomically replaces {@code target} with {@code temporary}, a file in the same directory. */
  public static void replace(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so only exotic file systems get here; a plain replace is the best left.
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes {@code destination} through a temporary sibling renamed into place when complete. */
  public static void write(Path destination, ContentWriter writer) throws IOException {
    Path absolute = destination.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        writer.write(out);
      }
      replace(temp, absolute);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  public static void write(Path destination, byte[] content) throws IOException {
    write(destination, out -> out.write(content));
  }
}
