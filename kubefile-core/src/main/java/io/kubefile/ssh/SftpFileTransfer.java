package io.kubefile.ssh;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Writes over SFTP, each path prefixed with {@code prefix} (empty: the real path; else a staging
 * directory, made 0700 by this transfer). Files go to a hidden temporary sibling created 0600
 * ({@link PrivateSftp}), get their mode once complete, and are renamed with OpenSSH's
 * {@code posix-rename@openssh.com}, which replaces the target atomically (plain SFTP rename
 * refuses an existing target).
 */
class SftpFileTransfer implements FileTransfer {
  private static final int BUFFER = 128 * 1024;
  private final SftpClient sftp;
  private final String prefix;
  private final Closeable release;
  private boolean closed;
  private final Set<String> knownDirectories = new HashSet<>();
  /** The directories among {@link #knownDirectories} that this transfer made. */
  private final Set<String> createdDirectories = new HashSet<>();

  /**
   * {@code release} is what closing the transfer gives back: the SFTP channel opened for it alone,
   * or its turn on a channel it shares.
   */
  SftpFileTransfer(SftpClient sftp, String prefix, Closeable release) {
    this.sftp = sftp;
    this.prefix = prefix;
    this.release = release;
  }

  @Override
  public void directory(String remotePath, int mode) throws IOException {
    String path = prefix + remotePath;
    makeDirectories(path, 0755);
    sftp.setStat(path, new Attributes().perms(mode));
  }

  @Override
  public void directoryIfMissing(String remotePath, int mode) throws IOException {
    String path = prefix + remotePath;
    makeDirectories(path, 0755);
    if (createdDirectories.contains(path)) {
      sftp.setStat(path, new Attributes().perms(mode));
    }
  }

  @Override
  public void file(Path local, String remotePath, int mode) throws IOException {
    try (InputStream in = Files.newInputStream(local)) {
      write(in, remotePath, mode);
    }
  }

  @Override
  public void file(byte[] content, String remotePath, int mode) throws IOException {
    write(new java.io.ByteArrayInputStream(content), remotePath, mode);
  }

  private void write(InputStream in, String remotePath, int mode) throws IOException {
    String path = prefix + remotePath;
    makeParent(path);
    String temp = temporarySibling(path);
    try {
      // Created 0600 and given its mode only once complete: no other local user reads it in flight.
      try (SftpOutputStreamAsync out = PrivateSftp.write(sftp, temp, BUFFER, 0600)) {
        // Reads straight into the write requests, which go out without waiting for each reply.
        out.transferFrom(in);
      }
      sftp.setStat(temp, new Attributes().perms(mode));
      rename(temp, path);
    } catch (IOException | RuntimeException e) {
      removeQuietly(temp);
      throw e;
    }
  }

  @Override
  public void symlink(String linkTarget, String remotePath) throws IOException {
    String path = prefix + remotePath;
    makeParent(path);
    String temp = temporarySibling(path);
    // MINA sends the arguments in the order OpenSSH's server expects (it swapped them in the past).
    sftp.symLink(temp, linkTarget);
    rename(temp, path);
  }

  @Override
  public void commit() throws IOException {}

  /**
   * Gives back the channel or the turn once, however often it is called: a turn on a shared channel
   * given back twice would be another transfer's.
   */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      release.close();
    }
  }

  private void rename(String from, String to) throws IOException {
    OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
    if (posix != null && posix.isSupported()) {
      posix.posixRename(from, to);
      return;
    }
    try {
      sftp.rename(from, to, SftpClient.CopyMode.Overwrite);
    } catch (SftpException e) {
      // A server without posix-rename refuses to replace a file: remove it, then rename.
      removeQuietly(to);
      sftp.rename(from, to);
    }
  }

  private static String temporarySibling(String path) {
    int slash = path.lastIndexOf('/');
    return path.substring(0, slash + 1) + "." + path.substring(slash + 1) + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp";
  }

  private void makeParent(String path) throws IOException {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      makeDirectories(path.substring(0, slash), 0755);
    }
  }

  /** {@code mkdir -p}, remembering what exists so a tree costs one round trip per directory. */
  private void makeDirectories(String dir, int mode) throws IOException {
    if (dir.isEmpty() || knownDirectories.contains(dir)) {
      return;
    }
    int slash = dir.lastIndexOf('/');
    if (slash > 0) {
      makeDirectories(dir.substring(0, slash), 0755);
    }
    if (dir.equals(prefix)) {
      // A staging directory (in world-writable /var/tmp): this transfer's alone, made now and 0700
      // from the start, so that no other local user reaches what is staged beneath it (files in
      // flight, the Clusterfile's copy). One that exists already was not made by this transfer.
      PrivateSftp.mkdir(sftp, dir, 0700);
      knownDirectories.add(dir);
      createdDirectories.add(dir);
      return;
    }
    try {
      sftp.mkdir(dir);
      createdDirectories.add(dir);
    } catch (SftpException e) {
      if (e.getStatus() != SftpConstants.SSH_FX_FILE_ALREADY_EXISTS && e.getStatus() != SftpConstants.SSH_FX_FAILURE) {
        throw e;
      }
      Attributes existing = sftp.stat(dir);
      if (!existing.isDirectory()) {
        throw new IOException(dir + " exists and is not a directory");
      }
    }
    knownDirectories.add(dir);
  }

  /** Forgets which directories exist, after something other than this transfer removed some. */
  protected void forgetDirectories() {
    knownDirectories.clear();
    createdDirectories.clear();
  }

  private void removeQuietly(String path) {
    try {
      sftp.remove(path);
    } catch (IOException ignored) {
      // nothing to remove, or the connection is gone; the original error is what matters
    }
  }
}
