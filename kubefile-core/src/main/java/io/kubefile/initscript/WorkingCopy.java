package io.kubefile.initscript;

import io.kubefile.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The context as init.sh left it, for one platform: a directory of hard links (to the user's
 * unchanged files) and new files. Closing it deletes it; the user's files stay.
 */
public final class WorkingCopy implements AutoCloseable {
  private final Path original;
  private final Path workArea;
  private final Path path;

  WorkingCopy(Path original, Path workArea, Path path) {
    this.original = original;
    this.workArea = workArea;
    this.path = path;
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
    try {
      FileTrees.delete(workArea);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the init.sh working copy " + workArea, e);
    }
  }
}
