package io.kubefile.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Line-level text helpers shared by every image source. */
final class TextLines {
  private TextLines() {}

  /**
   * The lines of a file, split on {@code \n} with a trailing {@code \r} removed (Go's bufio line reading
   * does the same). Bytes that are not UTF-8 are replaced rather than failing: a binary file in a shim
   * directory must produce a clear "invalid reference" error, not a decoding exception.
   */
  static List<String> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return split(new String(bytes, StandardCharsets.UTF_8));
  }

  static List<String> split(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      lines.add(line);
      start = end + 1;
    }
    return lines;
  }

  /** Removes one pair of matching outer quotes ({@code "} or {@code '}), as sealos's TrimQuotes does. */
  static String trimOneQuotePair(String s) {
    if (s.length() >= 2) {
      char last = s.charAt(s.length() - 1);
      if (s.charAt(0) == last && (last == '"' || last == '\'')) {
        return s.substring(1, s.length() - 1);
      }
    }
    return s;
  }

  /** {@code path} relative to {@code base}, with {@code /} separators on every OS. */
  static String relative(Path base, Path path) {
    return base.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }
}
