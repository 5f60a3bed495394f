package io.kubefile.registrydir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes files so that a reader (or the registry) sees either the old file or the complete new one, never a
 * partial one: content goes to a temporary file in the same directory, then an atomic rename puts it in
 * place. Temporary names are hidden and recognizable so that leftovers of a killed process can be found.
 */
final class AtomicFiles {
  private static final String TEMP_PREFIX = ".kubefile-";
  private static final String TEMP_SUFFIX = ".tmp";
  static final Pattern TEMP_NAME = Pattern.compile(Pattern.quote(TEMP_PREFIX) + ".*" + Pattern.quote(TEMP_SUFFIX));
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /**
   * A fresh, not yet existing temporary path next to {@code target}. Created with the process umask (like
   * distribution's 0666), not {@code Files.createTempFile}'s 0600: the registry serving the directory may run
   * as another user.
   */
  static Path temporarySibling(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    return target.resolveSibling(
        TEMP_PREFIX + target.getFileName() + "-" + HexFormat.of().formatHex(random) + TEMP_SUFFIX);
  }

  static OutputStream createTemporary(Path temporary) throws IOException {
    return Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** Flushes a finished temporary file to disk, so the rename never publishes data still in page cache. */
  static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Atomically replaces {@code target} with {@code temporary}. */
  static void publish(Path temporary, Path target) throws IOException {
    io.kubefile.files.AtomicFiles.replace(temporary, target);
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover temporary file is harmless: the registry never reads it.
    }
  }

  /** Writes {@code content} to {@code target} atomically unless the file already holds exactly that. */
  static boolean writeIfDifferent(Path target, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (readSmall(target).filter(existing -> existing.equals(content)).isPresent()) {
      return false;
    }
    Path temporary = temporarySibling(target);
    try {
      try (OutputStream out = createTemporary(temporary)) {
        out.write(bytes);
      }
      sync(temporary);
      publish(temporary, target);
      return true;
    } finally {
      deleteQuietly(temporary);
    }
  }

  /** The content of a small text file (a link), or empty when it does not exist. */
  static Optional<String> readSmall(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
