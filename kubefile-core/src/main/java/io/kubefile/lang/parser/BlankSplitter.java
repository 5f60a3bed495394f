package io.kubefile.lang.parser;

import java.util.ArrayList;
import java.util.List;

/** buildkit's splitting regexp {@code [\t\v\f\r ]+} (ASCII blanks only, unlike Go's unicode.IsSpace). */
final class BlankSplitter {
  private BlankSplitter() {}

  /** The ASCII whitespace set {@code [\t\v\f\r ]} of buildkit's splitting regexps. */
  static boolean isAsciiBlank(int c) {
    return c == '\t' || c == 0x0B || c == '\f' || c == '\r' || c == ' ';
  }

  /**
   * Go {@code regexp.MustCompile(`[\t\v\f\r ]+`).Split(s, limit)}; limit &lt; 0 means all.
   */
  static List<String> splitOnBlanks(String s, int limit) {
    List<String> parts = new ArrayList<>();
    if (s.isEmpty()) {
      parts.add("");
      return parts;
    }
    int beg = 0;
    int i = 0;
    int end = 0;
    while (i < s.length()) {
      if (!isAsciiBlank(s.charAt(i))) {
        i++;
        continue;
      }
      int matchStart = i;
      while (i < s.length() && isAsciiBlank(s.charAt(i))) {
        i++;
      }
      if (limit > 0 && parts.size() == limit - 1) {
        break;
      }
      end = matchStart;
      if (i != 0) {
        parts.add(s.substring(beg, end));
      }
      beg = i;
    }
    if (end != s.length()) {
      parts.add(s.substring(beg));
    }
    return parts;
  }
}
