package io.kubefile.context;

/**
 * Go's slash-separated path helpers ({@code filepath.Clean}, {@code filepath.Dir}) on Linux. Ignore
 * patterns and paths are cleaned exactly like Go does so that matching agrees with buildkit;
 * {@code java.nio.file.Path#normalize} differs (it keeps leading {@code ..} after a root, drops
 * nothing for "", and is platform-dependent). Go's whitespace rules are in
 * {@link io.kubefile.lang.go.GoText}.
 */
final class GoPath {
  private GoPath() {}

  /** Go {@code path.Clean}: the shortest equivalent path; "" becomes ".". */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    int n = path.length();
    StringBuilder out = new StringBuilder(n);
    int r = 0;
    int dotdot = 0;
    if (rooted) {
      out.append('/');
      r = 1;
      dotdot = 1;
    }
    while (r < n) {
      char c = path.charAt(r);
      if (c == '/') {
        r++;
      } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
        r++;
      } else if (c == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
        r += 2;
        if (out.length() > dotdot) {
          int w = out.length() - 1;
          while (w > dotdot && out.charAt(w) != '/') {
            w--;
          }
          out.setLength(w);
        } else if (!rooted) {
          if (out.length() > 0) {
            out.append('/');
          }
          out.append("..");
          dotdot = out.length();
        }
      } else {
        if ((rooted && out.length() != 1) || (!rooted && out.length() != 0)) {
          out.append('/');
        }
        while (r < n && path.charAt(r) != '/') {
          out.append(path.charAt(r++));
        }
      }
    }
    return out.length() == 0 ? "." : out.toString();
  }

  /** Go {@code filepath.Dir}: everything before the last slash, cleaned. */
  static String dir(String path) {
    int i = path.lastIndexOf('/');
    return clean(path.substring(0, i + 1));
  }
}
