package io.kubefile.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An unpacked root file system as comparable lines, one per path: type, permission bits, owner,
 * and the link target or a content digest. Two trees are the same image content exactly when their
 * lines are equal.
 */
final class FileTree {
  private final TreeMap<String, String> lines = new TreeMap<>();

  /** Reads {@code rootfs} (types, modes, links, contents) and takes owners from {@code owners}. */
  static FileTree of(Path rootfs, Map<String, String> owners) throws IOException {
    FileTree tree = new FileTree();
    try (Stream<Path> walk = Files.walk(rootfs)) {
      for (Path p : walk.toList()) {
        String path = rootfs.relativize(p).toString();
        if (path.isEmpty()) {
          continue;
        }
        String owner = owners.getOrDefault(path, "?:?");
        int mode = ContextTree.mode(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        String line;
        if (Files.isSymbolicLink(p)) {
          line = "symlink " + owner + " -> " + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          line = String.format("dir %04o %s", mode, owner);
        } else {
          line = String.format("file %04o %s %s", mode, owner, sha256(p));
        }
        tree.lines.put(path, line);
      }
    }
    return tree;
  }

  /** Unpacks with umoci (rootless) and reads the result. */
  static FileTree unpack(Path layout, String refName, Path bundle) throws Exception {
    io.kubefile.store.External.run("umoci", "unpack", "--rootless", "--image", layout + ":" + refName,
        bundle.toString());
    return of(bundle.resolve("rootfs"), OciLayoutImage.open(layout, refName).owners());
  }

  FileTree without(String path) {
    FileTree copy = new FileTree();
    copy.lines.putAll(lines);
    copy.lines.remove(path);
    return copy;
  }

  boolean contains(String path) {
    return lines.containsKey(path);
  }

  List<String> lines() {
    List<String> out = new ArrayList<>();
    lines.forEach((path, line) -> out.add(path + "  " + line));
    return out;
  }

  static String clean(String tarName) {
    String s = tarName.startsWith("./") ? tarName.substring(2) : tarName;
    s = s.startsWith("/") ? s.substring(1) : s;
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
