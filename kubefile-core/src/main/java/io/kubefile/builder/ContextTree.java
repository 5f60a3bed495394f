package io.kubefile.builder;

import io.kubefile.context.ContextRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The build context on disk as COPY sees it: files excluded by the ignore rules do not exist, and a
 * symlink is an entry of its own (copied as a link). Links on the way to a path are followed only
 * inside the context ({@link ContextRoot}), so nothing outside it is ever read; a path that reaches
 * an excluded file through a link is excluded too.
 */
public final class ContextTree implements SourceTree {
  private final ContextRoot root;
  private final Predicate<String> included;
  private final boolean posix;

  public ContextTree(Path root, Predicate<String> included) {
    this.root = new ContextRoot(root);
    this.included = included;
    this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  public Path root() {
    return root.directory();
  }

  @Override
  public Optional<FileNode> lookup(String path) throws IOException {
    if (!path.isEmpty() && !included.test(path)) {
      return Optional.empty();
    }
    String onDisk = root.resolve(path, false);
    if (!onDisk.equals(path) && !onDisk.isEmpty() && !included.test(onDisk)) {
      return Optional.empty();
    }
    return nodeAt(path, root.file(onDisk));
  }

  /** A symlink named as a COPY source is followed, but only inside the context. */
  @Override
  public String linkDestination(FileNode link) throws IOException {
    return root.resolve(link.path(), true);
  }

  private Optional<FileNode> nodeAt(String path, Path file) throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = posix
          ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
      return Optional.empty();
    }
    int mode = posix ? mode(((PosixFileAttributes) attrs).permissions()) : attrs.isDirectory() ? 0755 : 0644;
    if (attrs.isSymbolicLink()) {
      return Optional.of(new FileNode(path, FileNode.Kind.SYMLINK, 0777, 0,
          Files.readSymbolicLink(file).toString(), null, null, null));
    }
    if (attrs.isDirectory()) {
      return Optional.of(new FileNode(path, FileNode.Kind.DIRECTORY, mode, 0, null, file, null, null));
    }
    if (attrs.isRegularFile()) {
      return Optional.of(new FileNode(path, FileNode.Kind.FILE, mode, attrs.size(), null, file, null,
          attrs.fileKey()));
    }
    return Optional.empty(); // sockets, devices and fifos are not copied, as buildkit skips them
  }

  @Override
  public List<FileNode> children(String directory) throws IOException {
    String onDisk = root.resolve(directory, true);
    Path dir = root.file(onDisk);
    List<String> names = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path listed : (Iterable<Path>) list::iterator) {
        names.add(representableName(listed, directory));
      }
    }
    names.sort(null);
    List<FileNode> out = new ArrayList<>();
    for (String name : names) {
      String child = directory.isEmpty() ? name : directory + "/" + name;
      String childOnDisk = onDisk.isEmpty() ? name : onDisk + "/" + name;
      if (included.test(child) && (childOnDisk.equals(child) || included.test(childOnDisk))) {
        nodeAt(child, dir.resolve(name)).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The name of a listed file as a String, if it stands for exactly the bytes on disk. File names are
   * bytes; the JVM decodes them with the charset of its locale, and a name it cannot decode (not UTF-8
   * under a UTF-8 locale, anything non-ASCII without a locale) would look up another file or none,
   * silently leaving the file out of the layer. Failing names the directory instead.
   */
  private static String representableName(Path listed, String directory) {
    String name = listed.getFileName().toString();
    boolean sameBytes;
    try {
      sameBytes = listed.resolveSibling(name).equals(listed);
    } catch (java.nio.file.InvalidPathException e) {
      sameBytes = false;
    }
    if (!sameBytes) {
      throw new BuildException("a file name in " + (directory.isEmpty() ? "the build context's root" : directory + "/")
          + " cannot be read as " + System.getProperty("sun.jnu.encoding", "UTF-8") + " (\"" + name
          + "\"); rename it, or run Kubefile with a UTF-8 locale");
    }
    return name;
  }

  @Override
  public String describe() {
    return "build context";
  }

  static int mode(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= switch (p) {
        case OWNER_READ -> 0400;
        case OWNER_WRITE -> 0200;
        case OWNER_EXECUTE -> 0100;
        case GROUP_READ -> 040;
        case GROUP_WRITE -> 020;
        case GROUP_EXECUTE -> 010;
        case OTHERS_READ -> 04;
        case OTHERS_WRITE -> 02;
        case OTHERS_EXECUTE -> 01;
      };
    }
    return mode;
  }
}
