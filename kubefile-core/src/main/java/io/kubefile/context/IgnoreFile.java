package io.kubefile.context;

import io.kubefile.lang.go.GoText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .dockerignore} file into patterns, like moby/patternmatcher's
 * {@code ignorefile.ReadAll}:
 *
 * <ul>
 *   <li>a UTF-8 byte order mark at the start is removed;
 *   <li>a line whose first column is {@code #} is a comment ({@code " #x"} is a pattern);
 *   <li>each line is trimmed of Unicode whitespace and blank lines are skipped;
 *   <li>a leading {@code !} marks an exception and the text after it is trimmed again;
 *   <li>the pattern is cleaned like Go's {@code filepath.Clean} and one leading {@code /} is removed,
 *       since patterns are relative to the context root.
 * </ul>
 *
 * <p>A lone {@code !} is returned as is; {@link PatternMatcher#compile} rejects it.
 */
public final class IgnoreFile {
  private IgnoreFile() {}

  /** Go's {@code bufio.Scanner} refuses longer lines; so does ReadAll. */
  private static final int MAX_LINE_BYTES = 64 * 1024;

  public static List<String> read(Path file) throws IOException {
    return read(Files.readAllBytes(file));
  }

  public static List<String> read(InputStream in) throws IOException {
    return read(in.readAllBytes());
  }

  public static List<String> read(byte[] content) throws IOException {
    List<String> patterns = new ArrayList<>();
    int start = 0;
    if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    while (start < content.length) {
      int nl = start;
      while (nl < content.length && content[nl] != '\n') {
        nl++;
      }
      int end = nl;
      if (end > start && content[end - 1] == '\r') {
        end--;
      }
      if (end - start >= MAX_LINE_BYTES) {
        throw new IOException("error reading .dockerignore: bufio.Scanner: token too long");
      }
      String line = new String(content, start, end - start, StandardCharsets.UTF_8);
      start = nl + 1;
      String pattern = patternOf(line);
      if (pattern != null) {
        patterns.add(pattern);
      }
    }
    return patterns;
  }

  /** Convenience for text already in memory. */
  public static List<String> parse(String content) {
    try {
      return read(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The pattern a line contributes, or null for a comment or a blank line. */
  private static String patternOf(String line) {
    if (line.startsWith("#")) {
      return null;
    }
    String pattern = GoText.trimSpace(line);
    if (pattern.isEmpty()) {
      return null;
    }
    boolean invert = pattern.charAt(0) == '!';
    if (invert) {
      pattern = GoText.trimSpace(pattern.substring(1));
    }
    if (!pattern.isEmpty()) {
      pattern = GoPath.clean(pattern);
      if (pattern.length() > 1 && pattern.charAt(0) == '/') {
        pattern = pattern.substring(1);
      }
    }
    return invert ? "!" + pattern : pattern;
  }
}
