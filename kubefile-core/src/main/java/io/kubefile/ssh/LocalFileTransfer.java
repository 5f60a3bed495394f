package io.kubefile.ssh;

import io.kubefile.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Writes on this machine, with the same temporary-then-rename rule as the SFTP transfers. */
final class LocalFileTransfer implements FileTransfer {

  @Override
  public void directory(String remotePath, int mode) throws IOException {
    Path dir = Path.of(remotePath);
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, permissions(mode));
  }

  @Override
  public void directoryIfMissing(String remotePath, int mode) throws IOException {
    Path dir = Path.of(remotePath);
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, permissions(mode));
    }
  }

  @Override
  public void file(Path local, String remotePath, int mode) throws IOException {
    Path target = Path.of(remotePath);
    Path temp = temporarySibling(target);
    try {
      Files.copy(local, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(temp, permissions(mode));
      AtomicFiles.replace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public void file(byte[] content, String remotePath, int mode) throws IOException {
    Path target = Path.of(remotePath);
    Path temp = temporarySibling(target);
    try {
      Files.write(temp, content);
      Files.setPosixFilePermissions(temp, permissions(mode));
      AtomicFiles.replace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public void symlink(String linkTarget, String remotePath) throws IOException {
    Path target = Path.of(remotePath);
    Path temp = temporarySibling(target);
    try {
      Files.createSymbolicLink(temp, Path.of(linkTarget));
      AtomicFiles.replace(temp, target);
    } finally {
      if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(temp);
      }
    }
  }

  private static Path temporarySibling(Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    return parent.resolve("." + target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  @Override
  public void commit() {}

  @Override
  public void close() {}
}
