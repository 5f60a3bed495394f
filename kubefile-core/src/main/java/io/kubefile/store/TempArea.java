package io.kubefile.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's {@code .tmp} directory, where blobs, downloads and layers are written before they are
 * renamed into place. A killed pull or build leaves its partial files there, so each process writes
 * into a session directory of its own, {@code .tmp/ID/}, whose lock file {@code .tmp/ID.lock} it
 * holds locked while it lives. The kernel drops the lock when the process dies however it dies
 * (SIGKILL included), so a session whose lock can be taken is dead, and its files are reclaimed by
 * the next process that writes to the store, without waiting for {@code prune}.
 *
 * <p>Files directly in {@code .tmp} come from versions without sessions; they are reclaimed when
 * they are older than every live session, i.e. no process that could still be writing them is alive.
 */
final class TempArea {
  static final String LOCK_SUFFIX = ".lock";
  /** A session lock file before its rename: locked by a process that is opening its session. */
  private static final String PENDING_SUFFIX = LOCK_SUFFIX + ".new";
  private static final int OPEN_ATTEMPTS = 5;
  private static final long RECLAIM_INTERVAL_NANOS = 60_000_000_000L;

  private static final ConcurrentHashMap<Path, TempArea> BY_DIRECTORY = new ConcurrentHashMap<>();

  private final Path dir;
  private Path session;
  /** Kept reachable so that the lock is never released before the process ends. */
  private FileChannel sessionChannel;
  private long lastReclaim;

  private TempArea(Path dir) {
    this.dir = dir;
  }

  /** One per directory and JVM: one session and one held file descriptor per store, not per open. */
  static TempArea forDirectory(Path dir) {
    return BY_DIRECTORY.computeIfAbsent(dir.toAbsolutePath().normalize(), TempArea::new);
  }

  /** What was reclaimed: files (lock files not counted) and their bytes. */
  record Reclaimed(int files, long bytes) {
    Reclaimed plus(Reclaimed other) {
      return new Reclaimed(files + other.files, bytes + other.bytes);
    }
  }

  /**
   * A fresh path in this process's session directory. The first call reclaims dead sessions, and so
   * does a call after {@link #RECLAIM_INTERVAL_NANOS}, so that a long-lived process (a library user)
   * reclaims too without paying a directory scan on every write.
   */
  synchronized Path newPath(String prefix) throws IOException {
    if (session == null) {
      openSession();
    }
    if (lastReclaim == 0 || System.nanoTime() - lastReclaim > RECLAIM_INTERVAL_NANOS) {
      reclaimStale();
    }
    Files.createDirectories(session); // prune may have emptied .tmp meanwhile
    return session.resolve(prefix + UUID.randomUUID());
  }

  /**
   * Opens this process's session. Another process reclaiming at the same moment may take the
   * pending lock file in the instant between its creation and its locking, judge it dead and delete
   * it; the rename then fails, and a new attempt under a new name is all that is needed.
   */
  private void openSession() throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        openSessionOnce();
        return;
      } catch (NoSuchFileException e) {
        if (attempt == OPEN_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private void openSessionOnce() throws IOException {
    Files.createDirectories(dir);
    String id = UUID.randomUUID().toString();
    // Locked before it gets its name, so that no other process ever sees the lock file unlocked and
    // takes the session for a dead one; the directory comes after, so it always has its lock file.
    Path pending = dir.resolve(id + PENDING_SUFFIX);
    FileChannel channel = FileChannel.open(pending, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      channel.lock(); // held until the process ends: the channel is deliberately never closed
      Files.move(pending, dir.resolve(id + LOCK_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(pending);
      throw e;
    }
    sessionChannel = channel;
    session = Files.createDirectories(dir.resolve(id));
  }

  /**
   * Deletes the session directories of processes that are gone, and files from session-less
   * versions that are older than every live session.
   */
  synchronized Reclaimed reclaimStale() throws IOException {
    lastReclaim = System.nanoTime() | 1;
    Reclaimed total = new Reclaimed(0, 0);
    List<Path> loose = new ArrayList<>();
    FileTime oldestLiveSession = null;
    for (Path entry : entries()) {
      String name = entry.getFileName().toString();
      if (name.endsWith(PENDING_SUFFIX)) {
        // A session being opened is alive while its owner holds the lock; left behind only by a
        // process killed in that instant. Never a loose file: that would delete a live session's lock.
        if (reclaimIfDead(entry, null)) {
          Files.deleteIfExists(entry);
        }
      } else if (name.endsWith(LOCK_SUFFIX)) {
        Path sessionDir = dir.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length()));
        if (isOwnLock(entry) || !reclaimIfDead(entry, sessionDir)) {
          FileTime started = lastModified(entry);
          if (started != null && (oldestLiveSession == null || started.compareTo(oldestLiveSession) < 0)) {
            oldestLiveSession = started;
          }
        } else {
          total = total.plus(deleteRecursively(sessionDir));
          Files.deleteIfExists(entry);
        }
      } else if (!Files.exists(dir.resolve(name + LOCK_SUFFIX), LinkOption.NOFOLLOW_LINKS)) {
        loose.add(entry);
      }
    }
    for (Path entry : loose) {
      FileTime modified = lastModified(entry);
      if (modified != null && (oldestLiveSession == null || modified.compareTo(oldestLiveSession) < 0)) {
        total = total.plus(deleteRecursively(entry));
      }
    }
    return total;
  }

  /** Empties every session, live ones included, for prune (which runs when no writer holds a lease). */
  synchronized Reclaimed deleteAll() throws IOException {
    Reclaimed total = reclaimStale();
    for (Path entry : entries()) {
      if (!entry.getFileName().toString().endsWith(LOCK_SUFFIX)) {
        boolean liveSession = Files.exists(dir.resolve(entry.getFileName() + LOCK_SUFFIX));
        total = total.plus(liveSession ? deleteChildren(entry) : deleteRecursively(entry));
      }
    }
    return total;
  }

  private boolean isOwnLock(Path lockFile) {
    return session != null && lockFile.getFileName().toString().equals(session.getFileName() + LOCK_SUFFIX);
  }

  /** Whether the session's owner is gone: its lock can be taken (and is, until its files are deleted). */
  private static boolean reclaimIfDead(Path lockFile, Path sessionDir) throws IOException {
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      return lock != null; // a dead session stays dead, so the lock need not be kept while deleting
    } catch (OverlappingFileLockException e) {
      return false; // another store instance of this JVM holds it: alive
    } catch (NoSuchFileException e) {
      return false; // reclaimed by someone else meanwhile
    }
  }

  private List<Path> entries() throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(out::add);
    }
    return out;
  }

  private static FileTime lastModified(Path path) throws IOException {
    try {
      return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static Reclaimed deleteChildren(Path directory) throws IOException {
    Reclaimed total = new Reclaimed(0, 0);
    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
      for (Path child : children) {
        total = total.plus(deleteRecursively(child));
      }
    } catch (NoSuchFileException e) {
      // already gone
    }
    return total;
  }

  private static Reclaimed deleteRecursively(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Reclaimed inside = deleteChildren(path);
      Files.deleteIfExists(path);
      return inside;
    }
    long size;
    try {
      size = Files.size(path);
    } catch (NoSuchFileException e) {
      return new Reclaimed(0, 0);
    }
    return Files.deleteIfExists(path) ? new Reclaimed(1, size) : new Reclaimed(0, 0);
  }
}
