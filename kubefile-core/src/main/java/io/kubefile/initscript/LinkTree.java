package io.kubefile.initscript;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import io.kubefile.files.FileTrees;

/**
 * A copy of a directory tree whose directories are new and whose files are hard links to the
 * originals: made in time proportional to the number of files, not their size. Creating, deleting
 * or renaming entries in the copy leaves the original alone; only writing into a linked file would
 * reach it, which is why scripts never run in a link tree directly (see {@link OverlayRun}).
 */
final class LinkTree {
  private LinkTree() {}

  /** Fills the new directory {@code target} with links to everything under {@code source}. */
  static void link(Path source, Path target) throws IOException {
    Files.createDirectories(target);
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path copy = target.resolve(source.relativize(dir).toString());
        Files.createDirectories(copy);
        Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        place(file, target.resolve(source.relativize(file).toString()));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Makes the existing link tree {@code target} show {@code source} again, touching only what
   * differs: a file already linked to the same inode (or a symlink with the same target) stays as
   * it is, anything else is replaced, and entries {@code source} no longer has are removed unless
   * {@code kept} says otherwise (for content written into the copy, such as a saved registry/).
   * Leaving unchanged links alone matters: a new link changes the inode's ctime, which the layer
   * cache reads as a changed file.
   */
  static void sync(Path source, Path target, Predicate<String> kept) throws IOException {
    Files.createDirectories(target);
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path copy = target.resolve(source.relativize(dir).toString());
        if (!Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)) {
          FileTrees.delete(copy);
          Files.createDirectories(copy);
        }
        Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path copy = target.resolve(source.relativize(file).toString());
        if (!sameEntry(file, attrs, copy)) {
          FileTrees.delete(copy);
          place(file, copy);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        String relative = source.relativize(dir).toString();
        Path copy = target.resolve(relative);
        Set<String> names = new HashSet<>();
        try (var entries = Files.list(dir)) {
          entries.forEach(p -> names.add(p.getFileName().toString()));
        }
        try (var entries = Files.list(copy)) {
          for (Path p : (Iterable<Path>) entries::iterator) {
            String name = p.getFileName().toString();
            if (!names.contains(name) && !kept.test(relative.isEmpty() ? name : relative + "/" + name)) {
              FileTrees.delete(p);
            }
          }
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static boolean sameEntry(Path file, BasicFileAttributes attrs, Path copy) throws IOException {
    if (!Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    BasicFileAttributes existing = Files.readAttributes(copy, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attrs.isSymbolicLink()) {
      return existing.isSymbolicLink() && Files.readSymbolicLink(file).equals(Files.readSymbolicLink(copy));
    }
    return attrs.isRegularFile() && existing.isRegularFile() && attrs.fileKey() != null
        && Objects.equals(attrs.fileKey(), existing.fileKey());
  }

  /**
   * Puts {@code file} (a regular file, symlink or other entry) at {@code destination}: a hard link
   * when both are on one file system, else a copy; a symlink is recreated, never followed.
   */
  static void place(Path file, Path destination) throws IOException {
    if (Files.isSymbolicLink(file)) {
      Files.createSymbolicLink(destination, Files.readSymbolicLink(file));
      return;
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return; // sockets, fifos and devices have no place in an image build context
    }
    try {
      Files.createLink(destination, file);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (FileSystemException e) {
      // EXDEV (another file system) or a file system without hard links: copying is the fallback.
      Files.copy(file, destination, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }
}
