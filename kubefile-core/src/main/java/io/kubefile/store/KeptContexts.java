package io.kubefile.store;

import io.kubefile.files.FileTrees;
import io.kubefile.image.Digest;
import io.kubefile.image.Platform;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The store's cache of per-platform working copies of build contexts ({@code
 * cache/platform-contexts/<context key>/<os-arch>}), kept between multi-platform builds so that a
 * repeated build finds its links, its saved {@code registry/} and its cached layers again.
 *
 * <p>They live in the store, not in the user's directory, so that the user's context is never
 * written to; and they are the store's to delete: {@link ImageStore#prune()} removes every copy no
 * build holds (a build holds the copy's {@code .lock} while it uses it), since a copy is only a
 * cache and the next build makes it again.
 */
final class KeptContexts {
  private final Path root;

  KeptContexts(Path storeRoot) {
    this.root = storeRoot.resolve("cache").resolve("platform-contexts");
  }

  /** Where {@code platform}'s copy of {@code context} is kept: one per context directory and platform. */
  Path areaFor(Path context, Platform platform) {
    String contextKey = Digest.sha256(context.toAbsolutePath().normalize().toString()
        .getBytes(StandardCharsets.UTF_8)).hex().substring(0, 16);
    return root.resolve(contextKey).resolve(platform.toString().replace('/', '-'));
  }

  /** Deletes every kept copy no build is using; returns how many it deleted. */
  int deleteUnused() throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> contexts = Files.newDirectoryStream(root)) {
      for (Path context : contexts) {
        try (DirectoryStream<Path> platforms = Files.newDirectoryStream(context)) {
          for (Path copy : platforms) {
            if (deleteIfUnused(copy)) {
              deleted++;
            }
          }
        }
        try (DirectoryStream<Path> left = Files.newDirectoryStream(context)) {
          if (!left.iterator().hasNext()) {
            Files.deleteIfExists(context);
          }
        }
      }
    }
    return deleted;
  }

  /** Takes the copy's lock without waiting: a copy a build holds is in use and stays. */
  private static boolean deleteIfUnused(Path copy) throws IOException {
    Path lockFile = copy.resolve(".lock");
    if (!Files.exists(lockFile)) {
      FileTrees.delete(copy);
      return true;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel)) {
      if (lock == null) {
        return false;
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(copy)) {
        for (Path entry : entries) {
          if (!entry.equals(lockFile)) {
            FileTrees.delete(entry);
          }
        }
      }
      // The lock file goes last, while still held, so no build can find a half-deleted copy.
      Files.delete(lockFile);
    }
    Files.deleteIfExists(copy);
    return true;
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by a build in this JVM
    }
  }
}
