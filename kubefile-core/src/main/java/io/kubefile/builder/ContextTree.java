package io.kubefile.builder;

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
 * The build context on disk as COPY sees it: files excluded by the ignore rules do not exist, and
 * symlinks are entries of their own (never followed, so nothing outside the context is read).
 */
public final class ContextTree implements SourceTree {
  private final Path root;
  private final Predicate<String> included;
  private final boolean posix;

  public ContextTree(Path root, Predicate<String> included) {
    this.root = root.toAbsolutePath().normalize();
    this.included = included;
    this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  public Path root() {
    return root;
  }

  @Override
  public Optional<FileNode> lookup(String path) throws IOException {
    if (!path.isEmpty() && !included.test(path)) {
      return Optional.empty();
    }
    Path file = path.isEmpty() ? root : root.resolve(path);
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
    Path dir = directory.isEmpty() ? root : root.resolve(directory);
    List<String> names = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(null);
    List<FileNode> out = new ArrayList<>();
    for (String name : names) {
      String child = directory.isEmpty() ? name : directory + "/" + name;
      lookup(child).ifPresent(out::add);
    }
    return out;
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
