package io.kubefile.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two locks of a store, each a JVM lock plus a file lock so that they hold across threads and
 * processes alike (a file lock alone throws OverlappingFileLockException inside one JVM).
 *
 * <ul>
 *   <li>The index lock ({@code .lock}, exclusive) serializes read-modify-write of index.json.
 *   <li>The GC lock ({@code .gc.lock}) is held shared by every writer (a {@link StoreLease}) and
 *       exclusively by prune, so prune never deletes a blob that is about to be tagged.
 * </ul>
 *
 * Lock order is always GC lock, then index lock. One instance per root and JVM, because closing any
 * channel on a file drops all of the JVM's locks on it.
 */
final class StoreLocks {
  private static final ConcurrentHashMap<Path, StoreLocks> BY_ROOT = new ConcurrentHashMap<>();

  private final Path indexLockFile;
  private final Path gcLockFile;
  private final ReentrantLock indexLock = new ReentrantLock();
  private final ThreadLocal<Integer> leasesOfThisThread = ThreadLocal.withInitial(() -> 0);

  // Guarded by this: the GC lock state shared by all threads of the JVM.
  private int sharedHolders;
  private boolean exclusiveHeld;
  private FileChannel gcChannel;
  private FileLock gcFileLock;

  private StoreLocks(Path root) {
    this.indexLockFile = root.resolve(".lock");
    this.gcLockFile = root.resolve(".gc.lock");
  }

  static StoreLocks forRoot(Path root) {
    return BY_ROOT.computeIfAbsent(root.toAbsolutePath().normalize(), StoreLocks::new);
  }

  interface IoAction<T> {
    T run() throws IOException;
  }

  <T> T withIndexLock(IoAction<T> action) throws IOException {
    indexLock.lock();
    try (FileChannel channel =
            FileChannel.open(indexLockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return action.run();
    } finally {
      indexLock.unlock();
    }
  }

  StoreLease lease() throws IOException {
    acquireShared();
    leasesOfThisThread.set(leasesOfThisThread.get() + 1);
    return new StoreLease() {
      private boolean closed;

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          leasesOfThisThread.set(Math.max(0, leasesOfThisThread.get() - 1));
          releaseShared();
        }
      }
    };
  }

  <T> T withExclusiveGcLock(IoAction<T> action) throws IOException {
    if (leasesOfThisThread.get() > 0) {
      throw new IllegalStateException("prune called while this thread holds a store lease");
    }
    acquireExclusive();
    try {
      return action.run();
    } finally {
      releaseExclusive();
    }
  }

  private synchronized void acquireShared() throws IOException {
    awaitWhile(() -> exclusiveHeld);
    if (sharedHolders == 0) {
      openGcLock(true);
    }
    sharedHolders++;
  }

  private synchronized void releaseShared() {
    if (--sharedHolders == 0) {
      closeGcLock();
    }
    notifyAll();
  }

  private synchronized void acquireExclusive() throws IOException {
    awaitWhile(() -> exclusiveHeld || sharedHolders > 0);
    openGcLock(false);
    exclusiveHeld = true;
  }

  private synchronized void releaseExclusive() {
    exclusiveHeld = false;
    closeGcLock();
    notifyAll();
  }

  private interface Condition {
    boolean holds();
  }

  private void awaitWhile(Condition condition) throws IOException {
    while (condition.holds()) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the store lock", e);
      }
    }
  }

  private void openGcLock(boolean shared) throws IOException {
    FileChannel channel =
        FileChannel.open(gcLockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ);
    try {
      gcFileLock = channel.lock(0, Long.MAX_VALUE, shared);
      gcChannel = channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private void closeGcLock() {
    try {
      if (gcChannel != null) {
        gcChannel.close(); // releases gcFileLock too
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      gcChannel = null;
      gcFileLock = null;
    }
  }
}
