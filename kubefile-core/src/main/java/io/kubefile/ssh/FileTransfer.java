package io.kubefile.ssh;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Files written to one host. Every file and symlink appears under its final name only when
 * complete (written as a temporary sibling, then renamed over the old one), so an interrupted
 * transfer never leaves a half-written file where a script will read it (R12). Modes are the
 * given ones; symlinks stay symlinks.
 *
 * <p>Writes may become visible only at {@link #commit()} (for a non-root user they are staged,
 * then moved into place by one sudo command).
 */
public interface FileTransfer extends AutoCloseable {

  /** Creates a directory and its missing parents (the parents get mode 0755). */
  void directory(String remotePath, int mode) throws IOException;

  /**
   * Creates a directory with {@code mode}, and its missing parents (mode 0755), unless it exists:
   * an existing directory (or symlink to one) keeps its mode. For copies into the host's own
   * directories, as {@code scp}'s: {@code kubefile scp ./bundle /tmp} must not take the sticky bit
   * and world write away from {@code /tmp}. {@link #directory} is for trees Kubefile owns, whose
   * directories it brings to the image's modes.
   */
  void directoryIfMissing(String remotePath, int mode) throws IOException;

  /** Streams a local file to {@code remotePath}. */
  void file(Path local, String remotePath, int mode) throws IOException;

  void file(byte[] content, String remotePath, int mode) throws IOException;

  void symlink(String linkTarget, String remotePath) throws IOException;

  /** Makes every write visible; a transfer closed without commit may leave staged data only. */
  void commit() throws IOException;

  @Override
  void close() throws IOException;
}
