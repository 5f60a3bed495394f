package io.kubefile.initscript;

import io.kubefile.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The context as init.sh left it, for one platform: a directory of hard links (to the user's
 * unchanged files) and new files. Closing it deletes it; the user's files stay.
 */
public final class WorkingCopy implements AutoCloseable {
  private final Path original;
  private final Path workArea;
  private final Path path;
  /** Held while a kept copy is in use; null for a copy that is deleted on close. */
  private final FileChannel lock;

  WorkingCopy(Path original, Path workArea, Path path) {
    this(original, workArea, path, null);
  }

  private WorkingCopy(Path original, Path workArea, Path path, FileChannel lock) {
    this.original = original;
    this.workArea = workArea;
    this.path = path;
    this.lock = lock;
  }

  /**
   * A plain copy of {@code context} made of hard links, in {@code workArea} (a directory that does
   * not exist yet): for a platform that needs its own registry/ but runs no script. Only atomic
   * writes (temp file and rename, as registry/ is written) may go into it.
   */
  public static WorkingCopy linked(Path context, Path workArea) throws IOException {
    Path original = context.toAbsolutePath().normalize();
    java.nio.file.Files.createDirectory(workArea);
    WorkingCopy copy = new WorkingCopy(original, workArea, workArea.resolve("context"));
    try {
      LinkTree.link(original, copy.path());
      return copy;
    } catch (IOException | RuntimeException e) {
      copy.close();
      throw e;
    }
  }

  /**
   * Like {@link #linked}, but kept in {@code workArea} between builds (closing it releases it, the
   * files stay) and brought up to date with {@code context} each time: unchanged files keep their
   * links, so the layer cache, which reads a new link as a change (the inode's ctime moves), finds
   * them again, and the {@code registry/} saved into the copy by the last build is kept (as a
   * context's own registry/ is), so unchanged images are not saved again. One build at a time uses
   * a kept copy: a second one waits for the first to close it.
   */
  public static WorkingCopy kept(Path context, Path workArea) throws IOException {
    Path original = context.toAbsolutePath().normalize();
    Files.createDirectories(workArea);
    FileChannel channel = FileChannel.open(workArea.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      channel.lock();
      WorkingCopy copy = new WorkingCopy(original, workArea, workArea.resolve("context"), channel);
      LinkTree.sync(original, copy.path(), relative -> relative.equals("registry") || relative.startsWith("registry/"));
      return copy;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The directory to build from instead of the user's context. */
  public Path path() {
    return path;
  }

  /**
   * Where a file the user named in the original context (an instruction file given with -f) is in
   * this copy, so that a Kubefile that init.sh wrote or changed is the one built; a file outside
   * the context is returned as it is.
   */
  public Path locate(Path file) {
    if (file == null) {
      return null;
    }
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(original) ? path.resolve(original.relativize(absolute).toString()) : file;
  }

  @Override
  public void close() {
    if (lock != null) {
      try {
        lock.close(); // releases the lock; a kept copy stays for the next build
      } catch (IOException e) {
        throw new UncheckedIOException("could not release the working copy " + workArea, e);
      }
      return;
    }
    try {
      FileTrees.delete(workArea);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the init.sh working copy " + workArea, e);
    }
  }
}
