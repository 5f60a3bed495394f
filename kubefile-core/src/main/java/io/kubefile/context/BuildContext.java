package io.kubefile.context;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The directory a build reads COPY and ADD sources from, seen through its ignore rules: excluded paths
 * are invisible, as if they were not there.
 *
 * <p>Paths are slash-separated and relative to the context root. Symbolic links are never followed.
 */
public final class BuildContext {
  /** Go sorts names by bytes; comparing code points gives the same order as comparing UTF-8 bytes. */
  private static final Comparator<String> GO_NAME_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  };

  private final Path directory;
  private final IgnoreRules ignoreRules;

  public BuildContext(Path directory, IgnoreRules ignoreRules) {
    this.directory = directory.toAbsolutePath().normalize();
    this.ignoreRules = ignoreRules;
  }

  /**
   * The context at {@code directory} with the ignore file that applies to the given Kubefile.
   *
   * @see IgnoreRules#forContext(Path, String)
   */
  public static BuildContext open(Path directory, String instructionFileName) throws IOException {
    return new BuildContext(directory, IgnoreRules.forContext(directory, instructionFileName));
  }

  public Path directory() {
    return directory;
  }

  public IgnoreRules ignoreRules() {
    return ignoreRules;
  }

  /**
   * Whether a path is visible to the build (not excluded by the ignore rules). Says nothing about
   * whether it exists. A leading {@code /} is allowed and means the context root.
   *
   * @throws IllegalArgumentException when the path leaves the context ({@code ../x})
   */
  public boolean isIncluded(String relativePath) {
    return !ignoreRules.isExcluded(normalize(relativePath));
  }

  /** The on-disk location of a context path (lexically; links are not resolved). */
  public Path resolve(String relativePath) {
    String normalized = normalize(relativePath);
    return normalized.equals(".") ? directory : directory.resolve(normalized);
  }

  /**
   * Every included entry below {@code relativeDir}, depth first, each directory's entries in byte
   * order of their names. A directory is listed before its contents. An excluded directory is still
   * entered when {@code !} exceptions could re-include something inside it, and is then listed only if
   * something inside it is. {@code relativeDir} itself is not listed; if it is a file or link, that one
   * entry is returned when included.
   *
   * @throws NoSuchFileException when {@code relativeDir} does not exist
   */
  public List<ContextEntry> walk(String relativeDir) throws IOException {
    String start = normalize(relativeDir);
    Path startPath = resolve(start);
    BasicFileAttributes attrs = Files.readAttributes(startPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    List<ContextEntry> out = new ArrayList<>();
    if (!attrs.isDirectory()) {
      if (!start.equals(".") && !ignoreRules.isExcluded(start)) {
        out.add(new ContextEntry(start, startPath, kindOf(attrs)));
      }
      return out;
    }
    walkDirectory(start.equals(".") ? "" : start, startPath, out);
    return out;
  }

  /** Paths of the included regular files and links below {@code relativeDir}, in walk order. */
  public List<String> includedFiles(String relativeDir) throws IOException {
    return walk(relativeDir).stream()
        .filter(e -> e.kind() != ContextEntry.Kind.DIRECTORY)
        .map(ContextEntry::path)
        .toList();
  }

  private void walkDirectory(String dirRel, Path dir, List<ContextEntry> out) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        names.add(child.getFileName().toString());
      }
    }
    names.sort(GO_NAME_ORDER);
    for (String name : names) {
      String rel = dirRel.isEmpty() ? name : dirRel + "/" + name;
      Path path = dir.resolve(name);
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      boolean excluded = ignoreRules.isExcluded(rel);
      if (attrs.isDirectory()) {
        if (!excluded) {
          out.add(new ContextEntry(rel, path, ContextEntry.Kind.DIRECTORY));
          walkDirectory(rel, path, out);
        } else if (ignoreRules.matcher().hasExclusions()) {
          List<ContextEntry> inside = new ArrayList<>();
          walkDirectory(rel, path, inside);
          if (!inside.isEmpty()) {
            out.add(new ContextEntry(rel, path, ContextEntry.Kind.DIRECTORY));
            out.addAll(inside);
          }
        }
      } else if (!excluded) {
        out.add(new ContextEntry(rel, path, kindOf(attrs)));
      }
    }
  }

  private static ContextEntry.Kind kindOf(BasicFileAttributes attrs) {
    if (attrs.isSymbolicLink()) {
      return ContextEntry.Kind.SYMLINK;
    }
    if (attrs.isDirectory()) {
      return ContextEntry.Kind.DIRECTORY;
    }
    return attrs.isRegularFile() ? ContextEntry.Kind.FILE : ContextEntry.Kind.OTHER;
  }

  /** Cleans the path and makes it relative to the root; "." is the root. */
  private static String normalize(String relativePath) {
    String cleaned = GoPath.clean("/" + relativePath); // rooted cleaning cannot climb above the root...
    String lexical = GoPath.clean(relativePath);
    if (lexical.equals("..") || lexical.startsWith("../")) {
      // ...but silently clamping "../x" to "x" would hide a caller bug, so refuse it.
      throw new IllegalArgumentException("path is outside the build context: " + relativePath);
    }
    return cleaned.equals("/") ? "." : cleaned.substring(1);
  }
}
