package io.kubefile.builder;

import java.util.ArrayDeque;
import java.util.Deque;

/** Slash-separated path helpers with Go's path.Clean semantics, clamped at the root. */
public final class PathNames {
  private PathNames() {}

  /** Cleans a path and makes it relative to the root: "/a/../../b/" → "b", "." → "". */
  public static String cleanRelative(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** Cleans an absolute path: "/a/b/../c/" → "/a/c". */
  public static String cleanAbsolute(String path) {
    return "/" + cleanRelative(path);
  }

  public static String join(String a, String b) {
    if (a.isEmpty()) {
      return cleanRelative(b);
    }
    return cleanRelative(a + "/" + b);
  }

  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  public static String base(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  public static String relativize(String root, String path) {
    return root.isEmpty() ? path : path.substring(root.length() + 1);
  }

  /** Whether a Go filepath.Match pattern has an unescaped meta character. */
  public static boolean hasWildcard(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }
}
