package io.kubefile.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one command at a time that may change a cluster: an exclusive OS file lock on
 * {@code <runtime root>/<cluster>/.lock}, taken by {@code run}, {@code apply}, {@code add},
 * {@code reset} and {@code delete} before they read the Clusterfile and held until they finish.
 *
 * <p>Without it a second command of the same cluster reads the first one's
 * {@code ClusterInProcess} as a crashed run and "resumes" it, running its commands a second time
 * while they still run, deletes the rendered files the first one is sending, and saves the
 * Clusterfile from a stale copy, so that an installed image can vanish from {@code status.mounts}.
 * The second command therefore fails at once, before it reads or writes anything or contacts a
 * host; it does not wait, as the first may run for many minutes and the user should know why.
 *
 * <p>An OS lock, not a file whose existence is the lock: the kernel drops it when the process
 * dies, so a run killed with SIGKILL leaves no lock behind and the next run resumes its work
 * (R26). The file itself stays (empty); deleting it on release would let a process that opened it
 * just before lock the deleted file while a third locks a new one.
 *
 * <p>{@code exec} and {@code scp} do not take it: they only read the Clusterfile and run what the
 * user asks on the hosts, which is useful while a long run is going (to look at a host) and
 * cannot lose a record. Nor does {@code create}: it writes only its own working copy
 * ({@code mounts/<mount name>}), which no other command reads, and changes neither Clusterfile nor
 * host.
 *
 * <p>Within one JVM the lock is also recorded in a set: a second {@link FileChannel#tryLock} on
 * the file would throw {@link OverlappingFileLockException}, and closing that second channel would
 * release the first holder's lock (POSIX record locks belong to the process, not the channel).
 */
public final class ClusterLock implements AutoCloseable {
  static final String FILE_NAME = ".lock";
  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;

  private ClusterLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * Locks {@code cluster} (creating its directory if need be), or throws a {@link RunException}
   * naming the cluster and the lock file when another command holds it.
   */
  public static ClusterLock acquire(ClusterfileStore clusterfiles, String cluster) throws IOException {
    Path dir = clusterfiles.createClusterDir(cluster);
    // The real path: two spellings of one directory must meet in the set below.
    Path file = dir.toRealPath().resolve(FILE_NAME);
    if (!HELD_IN_THIS_JVM.add(file)) {
      throw inUse(cluster, file);
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      HELD_IN_THIS_JVM.remove(file);
      throw e;
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Locked through a channel of this JVM that did not come from here. Closing this channel
      // would release that lock, so it is left open.
      HELD_IN_THIS_JVM.remove(file);
      throw inUse(cluster, file);
    } catch (IOException | RuntimeException e) {
      channel.close();
      HELD_IN_THIS_JVM.remove(file);
      throw e;
    }
    if (lock == null) {
      channel.close();
      HELD_IN_THIS_JVM.remove(file);
      throw inUse(cluster, file);
    }
    return new ClusterLock(file, channel);
  }

  /**
   * Locks a cluster that must exist already ({@code reset}, {@code delete}, {@code add}): fails with
   * {@code missing} when its Clusterfile is not there, checked before locking so that a mistyped
   * name leaves no directory behind. Callers load the Clusterfile again under the lock: a reset that
   * held it may have moved it aside.
   */
  public static ClusterLock acquireExisting(ClusterfileStore clusterfiles, String cluster, Supplier<RunException> missing)
      throws IOException {
    if (!Files.exists(clusterfiles.path(cluster))) {
      throw missing.get();
    }
    return acquire(clusterfiles, cluster);
  }

  private static RunException inUse(String cluster, Path file) {
    return new RunException("cluster " + cluster + " is in use by another kubefile command (lock held on " + file
        + "); wait for it to finish");
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** Releases the lock (closing the channel releases it). */
  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      HELD_IN_THIS_JVM.remove(file);
    }
  }
}
