package io.kubefile.lang.template;

import java.util.ArrayList;
import java.util.List;

/** Go's {@code path} package (Base, Dir, Clean, Ext), which sprig's path functions call. */
final class GoPaths {
  private GoPaths() {}

  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (!rooted) {
          out.add("..");
        }
        continue;
      }
      out.add(part);
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  static String base(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    while (path.length() > 0 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    int i = path.lastIndexOf('/');
    if (i >= 0) {
      path = path.substring(i + 1);
    }
    return path.isEmpty() ? "/" : path;
  }

  static String dir(String path) {
    int i = path.lastIndexOf('/');
    return clean(path.substring(0, i + 1));
  }

  static String ext(String path) {
    for (int i = path.length() - 1; i >= 0 && path.charAt(i) != '/'; i--) {
      if (path.charAt(i) == '.') {
        return path.substring(i);
      }
    }
    return "";
  }
}
