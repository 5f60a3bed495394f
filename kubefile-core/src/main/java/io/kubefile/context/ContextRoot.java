package io.kubefile.context;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;

/**
 * The root directory of a build context, and the one place that turns a context path into a file on
 * disk without ever leaving it.
 *
 * <p>The operating system follows a symbolic link anywhere in a path, so {@code root/etc/hostname}
 * with {@code etc -> /etc} is the host's file. Paths are therefore resolved one component at a time
 * without following links, as buildkit's fsutil sees a context: a link met on the way is followed
 * only while its target stays inside the root; a link that leads out is an error naming it. An
 * absolute link is allowed when it points into the root's own directory.
 */
public final class ContextRoot {
  /** Linux's MAXSYMLINKS: more links than this in one lookup is a loop. */
  private static final int MAX_LINKS = 40;

  private final Path directory;
  private final Path realDirectory;

  public ContextRoot(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
    Path real;
    try {
      real = this.directory.toRealPath();
    } catch (IOException e) {
      real = this.directory; // a missing root is reported by whoever reads it first
    }
    this.realDirectory = real;
  }

  public Path directory() {
    return directory;
  }

  /** One path component still to resolve, and the link it came from (null: from the caller's path). */
  private record Part(String name, String fromLink, String linkTarget) {}

  /**
   * The path inside the root that {@code path} leads to: every symbolic link on the way is followed
   * (the last component's only when {@code followLast}), each only while it stays inside. Components
   * that do not exist are kept as they are, so a missing file resolves to a path that does not exist.
   *
   * @param path slash-separated, relative to the root ("" or "." is the root); {@code ..} cannot climb
   *     above the root, as in Go's rooted path cleaning
   * @return the slash-separated path relative to the root, "" for the root itself
   * @throws ContextEscapeException when a link points outside the root, or links loop
   */
  public String resolve(String path, boolean followLast) throws IOException {
    Deque<Part> todo = new ArrayDeque<>();
    for (String name : path.split("/")) {
      todo.addLast(new Part(name, null, null));
    }
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      Part part = todo.pollFirst();
      String name = part.name();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (done.isEmpty()) {
          if (part.fromLink() != null) {
            throw escapes(part.fromLink(), part.linkTarget());
          }
          continue;
        }
        done.remove(done.size() - 1);
        continue;
      }
      done.add(name);
      if (todo.isEmpty() && !followLast) {
        break;
      }
      Path file = directory.resolve(String.join("/", done));
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException | NotDirectoryException e) {
        for (Part rest : todo) {
          done.add(rest.name());
        }
        return join(done);
      }
      if (!attrs.isSymbolicLink()) {
        continue;
      }
      String linkPath = String.join("/", done);
      if (++links > MAX_LINKS) {
        throw new ContextEscapeException(
            "symbolic link " + linkPath + " in the build context: too many levels of symbolic links");
      }
      String target = Files.readSymbolicLink(file).toString();
      done.remove(done.size() - 1);
      String relativeTarget = target;
      if (target.startsWith("/")) {
        Path absolute = Path.of(target).normalize();
        Path base = absolute.startsWith(directory) ? directory
            : absolute.startsWith(realDirectory) ? realDirectory : null;
        if (base == null) {
          throw escapes(linkPath, target);
        }
        done.clear();
        relativeTarget = base.relativize(absolute).toString();
      }
      String[] names = relativeTarget.split("/");
      for (int i = names.length - 1; i >= 0; i--) {
        todo.addFirst(new Part(names[i], linkPath, target));
      }
    }
    return join(done);
  }

  /** The file on disk for a path resolved by {@link #resolve}. */
  public Path file(String resolvedPath) {
    return resolvedPath.isEmpty() ? directory : directory.resolve(resolvedPath);
  }

  /**
   * Checks that reading {@code start} and everything below it, following links, stays inside the
   * root. For readers that take whole directories from the context (image discovery's
   * {@code manifests/}, {@code charts/}, {@code images/}) and follow links as any file API does.
   *
   * @throws ContextEscapeException naming the first entry whose real location is outside
   */
  public void requireConfined(Path start) throws IOException {
    if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            requireInside(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            requireInside(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof FileSystemLoopException || e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // a loop stays inside; a dangling link reads nothing
            }
            throw e;
          }
        });
  }

  private void requireInside(Path file) throws IOException {
    Path real;
    try {
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      return;
    }
    if (!real.startsWith(realDirectory)) {
      String relative = directory.relativize(file.toAbsolutePath().normalize()).toString();
      throw new ContextEscapeException(relative + " in the build context leads outside it (to " + real
          + ") through a symbolic link");
    }
  }

  private static ContextEscapeException escapes(String link, String target) {
    return new ContextEscapeException("symbolic link " + link + " points outside the build context (to "
        + target + ")");
  }

  private static String join(List<String> names) {
    return String.join("/", names);
  }
}
