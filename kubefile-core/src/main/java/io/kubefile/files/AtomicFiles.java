package io.kubefile.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every file Kubefile writes (blobs, indexes, links, archives, auth files, cache records, the
 * {@code registry/} directory) becomes visible only when complete: it is written to a temporary file
 * next to its destination and renamed into place, so a reader sees the old file or the whole new one
 * and a killed process leaves at most a temporary file, never a half-written one. Temporary names are
 * hidden and recognizable ({@link #TEMP_NAME}) so that such leftovers can be found. The one helper for
 * this, used by every package.
 */
public final class AtomicFiles {
  private static final String TEMP_PREFIX = ".kubefile-";
  private static final String TEMP_SUFFIX = ".tmp";
  /** The names {@link #temporarySibling} gives. */
  public static final Pattern TEMP_NAME =
      Pattern.compile(Pattern.quote(TEMP_PREFIX) + ".*" + Pattern.quote(TEMP_SUFFIX));
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Writes the content of a file being created. */
  @FunctionalInterface
  public interface ContentWriter {
    void write(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * A fresh, not yet existing temporary path next to {@code target} (whose directory is created). The
   * file gets the process umask (like distribution's 0666), not {@code Files.createTempFile}'s 0600: a
   * registry serving {@code registry/} may run as another user.
   */
  public static Path temporarySibling(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    return absolute.resolveSibling(
        TEMP_PREFIX + absolute.getFileName() + "-" + HexFormat.of().formatHex(random) + TEMP_SUFFIX);
  }

  /** Opens a temporary path from {@link #temporarySibling} for writing; fails if it exists. */
  public static OutputStream createTemporary(Path temporary) throws IOException {
    return Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** Flushes a finished temporary file to disk, so the rename never publishes data still in page cache. */
  public static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Atomically replaces {@code target} with {@code temporary}, a file in the same directory. */
  public static void replace(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so only exotic file systems get here; a plain replace is the best left.
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a temporary file if it is still there; a leftover is harmless, so failing to is too. */
  public static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // nothing reads temporary files; they are found by TEMP_NAME and removed later
    }
  }

  /** Writes {@code destination} through a temporary sibling renamed into place when complete. */
  public static void write(Path destination, ContentWriter writer) throws IOException {
    Path temp = temporarySibling(destination);
    try {
      try (OutputStream out = new BufferedOutputStream(createTemporary(temp), 1 << 16)) {
        writer.write(out);
      }
      replace(temp, destination.toAbsolutePath());
    } finally {
      deleteQuietly(temp);
    }
  }

  public static void write(Path destination, byte[] content) throws IOException {
    write(destination, out -> out.write(content));
  }

  /**
   * As {@link #write(Path, byte[])}, durably, for a file only its owner may read (a Clusterfile
   * holding an SSH password, a registry credentials file): the temporary file is created owner-only
   * before any byte is written, so the content is never readable by others, not even while it is
   * written (a later chmod leaves a window), and synced before the rename, because losing such a
   * file locks its owner out. On a file system without POSIX permissions, as {@code write}.
   */
  public static void writePrivate(Path destination, byte[] content) throws IOException {
    Path temporary = temporarySibling(destination);
    try {
      try (SeekableByteChannel channel = createOwnerOnly(temporary)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      sync(temporary);
      replace(temporary, destination.toAbsolutePath());
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static SeekableByteChannel createOwnerOnly(Path temporary) throws IOException {
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      return Files.newByteChannel(temporary, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return Files.newByteChannel(temporary, options);
    }
  }

  /**
   * Writes {@code content} to {@code target} atomically and durably (synced before the rename) unless
   * the file already holds exactly that; true when it wrote.
   */
  public static boolean writeIfDifferent(Path target, String content) throws IOException {
    if (readSmall(target).filter(existing -> existing.equals(content)).isPresent()) {
      return false;
    }
    Path temporary = temporarySibling(target);
    try {
      try (OutputStream out = createTemporary(temporary)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      sync(temporary);
      replace(temporary, target);
      return true;
    } finally {
      deleteQuietly(temporary);
    }
  }

  /** The content of a small text file (a link), or empty when it does not exist. */
  public static Optional<String> readSmall(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
