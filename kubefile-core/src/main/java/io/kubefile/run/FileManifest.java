package io.kubefile.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a tree holds, by content: for each relative path its type, mode, size and SHA-256 (a
 * symlink's target instead). Two manifests that agree mean two trees that agree, whatever the
 * file times; this is what lets a second run send nothing. Written as one line per entry:
 * {@code type TAB mode TAB size TAB sha256-or-target TAB path}.
 */
public final class FileManifest {
  /** One entry; {@code source} is where the local bytes are (null for remote state). */
  public record Entry(char type, int mode, long size, String content, Path source) {
    boolean sameAs(Entry other) {
      return other != null && type == other.type && mode == other.mode && size == other.size && content.equals(other.content);
    }
  }

  private final TreeMap<String, Entry> entries;

  public FileManifest(Map<String, Entry> entries) {
    this.entries = new TreeMap<>(entries);
  }

  public static FileManifest empty() {
    return new FileManifest(Map.of());
  }

  public TreeMap<String, Entry> entries() {
    return entries;
  }

  /** Hashes every file under {@code root} (paths relative to it, directories included). */
  public static FileManifest scan(Path root) throws IOException {
    return scan(root, Map.of());
  }

  /**
   * Like {@link #scan(Path)}, taking the hash of a regular file from {@code knownHashes} (by
   * relative path) when it is there: hashes computed while the tree was written.
   */
  static FileManifest scan(Path root, Map<String, String> knownHashes) throws IOException {
    Map<String, Entry> out = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return new FileManifest(out);
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(root)) {
          out.put(relative(root, dir), new Entry('d', mode(dir), 0, "", dir));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String rel = relative(root, file);
        if (attrs.isSymbolicLink()) {
          out.put(rel, new Entry('l', 0777, 0, Files.readSymbolicLink(file).toString(), file));
        } else if (attrs.isRegularFile()) {
          String known = knownHashes.get(rel);
          out.put(rel, new Entry('f', mode(file), attrs.size(), known != null ? known : sha256(file), file));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return new FileManifest(out);
  }

  private static String relative(Path root, Path path) {
    String rel = root.relativize(path).toString();
    if (rel.indexOf('\n') >= 0 || rel.indexOf('\t') >= 0) {
      // The manifest is one line per file, tab-separated; the name is shown escaped so the error stays one line.
      throw new RunException("a file name with a tab or newline is not supported: "
          + rel.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t"));
    }
    return rel;
  }

  static int mode(Path path) throws IOException {
    PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    int mode = 0;
    for (var permission : attrs.permissions()) {
      mode |= 1 << (8 - permission.ordinal());
    }
    return mode;
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The directories a manifest path lies in, nearest first: {@code a/b/c} gives {@code a/b}, {@code a}. */
  static List<String> ancestors(String rel) {
    List<String> out = new ArrayList<>();
    for (int slash = rel.lastIndexOf('/'); slash > 0; slash = rel.lastIndexOf('/', slash - 1)) {
      out.add(rel.substring(0, slash));
    }
    return out;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest = newSha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  public String format() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry entry = e.getValue();
      out.append(entry.type).append('\t').append(Integer.toOctalString(entry.mode)).append('\t').append(entry.size)
          .append('\t').append(entry.content).append('\t').append(e.getKey()).append('\n');
    }
    return out.toString();
  }

  /** Reads {@link #format()} output; malformed lines (a foreign or truncated file) are ignored. */
  public static FileManifest parse(String text) {
    Map<String, Entry> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      String[] parts = line.split("\t", 5);
      if (parts.length != 5 || parts[0].length() != 1) {
        continue;
      }
      try {
        out.put(parts[4], new Entry(parts[0].charAt(0), Integer.parseInt(parts[1], 8), Long.parseLong(parts[2]), parts[3], null));
      } catch (NumberFormatException e) {
        // skip the line: the entry is then treated as unknown and sent again
      }
    }
    return new FileManifest(out);
  }

  /** The manifest of {@code root} recorded in {@code cache}, or scanned (and recorded) when absent. */
  public static FileManifest cached(Path root, Path cache) throws IOException {
    if (Files.isRegularFile(cache)) {
      Map<String, Entry> out = new TreeMap<>();
      parse(Files.readString(cache)).entries().forEach((rel, e) ->
          out.put(rel, new Entry(e.type, e.mode, e.size, e.content, root.resolve(rel))));
      return new FileManifest(out);
    }
    FileManifest scanned = scan(root);
    io.kubefile.files.AtomicFiles.write(cache, scanned.bytes());
    return scanned;
  }

  /** The manifest of {@code root} from hashes taken while it was written ({@link #scan(Path, Map)}), recorded in {@code cache}. */
  static FileManifest record(Path root, Map<String, String> knownHashes, Path cache) throws IOException {
    FileManifest scanned = scan(root, knownHashes);
    io.kubefile.files.AtomicFiles.write(cache, scanned.bytes());
    return scanned;
  }

  /** This manifest with the given files of {@code root} hashed again (files a template rendering wrote). */
  public FileManifest updated(Path root, Iterable<Path> files) throws IOException {
    TreeMap<String, Entry> out = new TreeMap<>(entries);
    for (Path file : files) {
      String rel = relative(root, file);
      out.put(rel, new Entry('f', mode(file), Files.size(file), sha256(file), file));
    }
    return new FileManifest(out);
  }

  public byte[] bytes() {
    return format().getBytes(StandardCharsets.UTF_8);
  }
}
