package io.kubefile.initscript;

import io.kubefile.files.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a command in a copy-on-write view of a directory and leaves the result as a hard-link tree.
 *
 * <p>Why an overlay and not just a tree of hard links: a link shares its inode with the user's
 * file, so a script that writes into a file in place ({@code echo >> f}, {@code cp x f},
 * {@code chmod +x f}) would change the user's file. Making the links read-only cannot help either,
 * since permissions live in that same inode. An overlay mount (in a private user and mount
 * namespace, so no root is needed and nothing leaks to the host) copies a file up before its first
 * write: the user's directory is the read-only lower layer and cannot change. Afterwards the upper
 * layer (new and changed files, whiteouts for deletions, opaque directories) is applied to a link
 * tree of the lower one, so the build reads the result without copying unchanged files.
 *
 * <p>Where overlays are not available to unprivileged users (not Linux, or user namespaces
 * disabled) the fallback is a full copy, which is slower but equally safe.
 */
final class OverlayRun {
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;
  private static final String OPAQUE = "overlay.opaque";
  private static final String MOUNT_AND_RUN = "mount -t overlay overlay"
      + " -o \"lowerdir=$1,upperdir=$2,workdir=$3,userxattr\" \"$4\" && cd \"$4\" && shift 4 && exec \"$@\"";
  private static volatile Boolean available;

  /** What a run printed (stdout and stderr interleaved) and how it ended. */
  record Outcome(int exitCode, List<String> output) {}

  private OverlayRun() {}

  /**
   * Runs {@code command} with its working directory showing {@code source}; the result (source
   * plus the command's changes) ends up in the new directory {@code result}. {@code scratch} is an
   * empty directory on the same file system as {@code result}, for the overlay's own layers.
   */
  static Outcome run(Path source, Path scratch, Path result, List<String> command,
      Consumer<String> output) throws IOException {
    if (!overlaysAvailable()) {
      return copyAndRun(source, result, command, output);
    }
    Path lower = scratch.resolve("lower");
    Path upper = Files.createDirectories(scratch.resolve("upper"));
    Path work = Files.createDirectories(scratch.resolve("work"));
    Path merged = Files.createDirectories(scratch.resolve("context"));
    // A symlink keeps commas and colons of the user's path out of the mount options.
    Files.createSymbolicLink(lower, source.toAbsolutePath());
    List<String> full = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount",
        "sh", "-c", MOUNT_AND_RUN, "overlay", lower.toString(), upper.toString(), work.toString(),
        merged.toString()));
    full.addAll(command);
    Outcome outcome = execute(full, scratch, output);
    if (outcome.exitCode() == 0) {
      LinkTree.link(source, result);
      applyUpper(upper, result);
    }
    return outcome;
  }

  private static Outcome copyAndRun(Path source, Path result, List<String> command,
      Consumer<String> output) throws IOException {
    copyTree(source, result);
    return execute(command, result, output);
  }

  private static void copyTree(Path source, Path target) throws IOException {
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(target.resolve(source.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isSymbolicLink(file)) {
          Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
        } else if (attrs.isRegularFile()) {
          Files.copy(file, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Applies an overlay upper layer to a tree: whiteouts (0/0 character devices) delete, opaque
   * directories replace, everything else is placed over what is there.
   */
  static void applyUpper(Path upper, Path tree) throws IOException {
    Files.walkFileTree(upper, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        String relative = upper.relativize(dir).toString();
        if (relative.isEmpty()) {
          return FileVisitResult.CONTINUE;
        }
        Path target = tree.resolve(relative);
        if (isOpaque(dir) || !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          FileTrees.delete(target);
        }
        Files.createDirectories(target);
        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(dir));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path target = tree.resolve(upper.relativize(file).toString());
        FileTrees.delete(target);
        if (!isWhiteout(file)) {
          LinkTree.place(file, target);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static boolean isWhiteout(Path file) throws IOException {
    int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return (mode & S_IFMT) == S_IFCHR
        && ((Long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS)) == 0L;
  }

  private static boolean isOpaque(Path dir) throws IOException {
    UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(dir,
        UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (xattrs == null || !xattrs.list().contains(OPAQUE)) {
      return false;
    }
    ByteBuffer value = ByteBuffer.allocate(xattrs.size(OPAQUE));
    xattrs.read(OPAQUE, value);
    return "y".equals(new String(value.array(), 0, value.position(), StandardCharsets.UTF_8));
  }

  private static Outcome execute(List<String> command, Path directory, Consumer<String> output)
      throws IOException {
    Process process = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        lines.add(line);
        output.accept(line);
      }
      return new Outcome(process.waitFor(), lines);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while running " + String.join(" ", command));
    }
  }

  /** Whether this machine lets us mount an overlay in a user namespace; probed once. */
  static boolean overlaysAvailable() {
    Boolean known = available;
    if (known != null) {
      return known;
    }
    synchronized (OverlayRun.class) {
      if (available == null) {
        available = probe();
      }
      return available;
    }
  }

  private static boolean probe() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("kubefile-overlay-probe");
      Path source = Files.createDirectories(dir.resolve("source"));
      Files.writeString(source.resolve("probe"), "probe");
      Path scratch = Files.createDirectories(dir.resolve("scratch"));
      Path lower = scratch.resolve("lower");
      Files.createSymbolicLink(lower, source);
      List<String> command = List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
          MOUNT_AND_RUN, "overlay", lower.toString(),
          Files.createDirectories(scratch.resolve("upper")).toString(),
          Files.createDirectories(scratch.resolve("work")).toString(),
          Files.createDirectories(scratch.resolve("context")).toString(), "cat", "probe");
      Outcome outcome = execute(command, scratch, line -> {});
      return outcome.exitCode() == 0 && outcome.output().equals(List.of("probe"));
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      if (dir != null) {
        try {
          FileTrees.delete(dir);
        } catch (IOException ignored) {
          // a temp directory; the OS cleans it
        }
      }
    }
  }
}
