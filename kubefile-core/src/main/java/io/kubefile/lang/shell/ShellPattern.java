package io.kubefile.lang.shell;

import io.kubefile.lang.go.GoText;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The shell glob used by {@code ${v#p}}, {@code ${v%p}} and {@code ${v/p/r}}: {@code *} and {@code ?}
 * only, no bracket expressions, with {@code \*}, {@code \?} and {@code \\} as literals. Like buildkit it
 * is translated into a regular expression in Go RE2 syntax, run by RE2/J (Google's Java port of RE2):
 * the same dialect and leftmost-first matching as Go's, in linear time. {@code java.util.regex}
 * backtracks, so {@code ${v#*a*a*a*a*a*a*b}} over a long value took exponential time.
 */
final class ShellPattern {
  private ShellPattern() {}

  /** Thrown when a pattern has a bad escape; the message is buildkit's. */
  static final class InvalidPatternException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidPatternException(String message) {
      super(message);
    }
  }

  /**
   * buildkit's {@code convertShellPatternToRegex}: the Go regular-expression source for a glob.
   *
   * @param greedy whether {@code *} takes the longest ({@code .*}) or shortest ({@code .*?}) text
   * @param anchored whether the match must start at the beginning ({@code ^})
   */
  static String toRegexSource(String glob, boolean greedy, boolean anchored) throws InvalidPatternException {
    RuneScanner scanner = new RuneScanner(glob);
    StringBuilder out = new StringBuilder(glob.length() + 4);
    if (anchored) {
      out.append('^');
    }
    String star = greedy ? ".*" : ".*?";
    for (int tok = scanner.next(); tok != RuneScanner.EOF; tok = scanner.next()) {
      switch (tok) {
        case '*' -> {
          out.append(star);
          continue;
        }
        case '?' -> {
          out.append('.');
          continue;
        }
        case '\\' -> {
          // "\}" and "\/" only protect the ${} delimiters; the backslash is not part of the pattern.
          if (scanner.peek() == '}' || scanner.peek() == '/') {
            continue;
          }
          out.append('\\');
          tok = scanner.next();
          if (tok != '*' && tok != '?' && tok != '\\') {
            throw new InvalidPatternException("invalid escape '\\" + RuneScanner.runeToString(tok) + "'");
          }
        }
        case '[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$' -> out.append('\\');
        default -> {}
      }
      out.appendCodePoint(tok);
    }
    return out.toString();
  }

  static Pattern compile(String glob, boolean greedy, boolean anchored) throws InvalidPatternException {
    String source = toRegexSource(glob, greedy, anchored);
    try {
      return Pattern.compile(source); // as in Go, '.' excludes only '\n'
    } catch (PatternSyntaxException e) {
      throw new InvalidPatternException(e.getMessage());
    }
  }

  /** {@code ${v#glob}} (shortest) or {@code ${v##glob}} (longest): removes a matching prefix. */
  static String trimPrefix(String glob, String value, boolean greedy) throws InvalidPatternException {
    Matcher m = compile(glob, greedy, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  /**
   * {@code ${v%glob}} or {@code ${v%%glob}}: removes a matching suffix. A regex cannot find the shortest
   * rightmost match, so, like buildkit, both the value and the glob are reversed and a prefix removed.
   */
  static String trimSuffix(String glob, String value, boolean greedy) throws InvalidPatternException {
    return reverse(trimPrefix(reverseGlob(glob), reverse(value), greedy));
  }

  /** {@code ${v/glob/replacement}}: replaces the first (greedy, unanchored) match, literally. */
  static String replaceFirst(String glob, String value, String replacement) throws InvalidPatternException {
    Matcher m = compile(glob, true, false).matcher(value);
    if (!m.find()) {
      return value;
    }
    return value.substring(0, m.start()) + replacement + value.substring(m.end());
  }

  /**
   * {@code ${v//glob/replacement}}: Go's {@code Regexp.ReplaceAllString}. Its rules differ from Java's
   * {@code replaceAll} in two places, so the loop is written out: an empty match right after a match is
   * not replaced, and {@code $0}, {@code ${1}}, {@code $$} in the replacement are template syntax.
   */
  static String replaceAll(String glob, String value, String replacement) throws InvalidPatternException {
    Matcher m = compile(glob, true, false).matcher(value);
    StringBuilder out = new StringBuilder();
    int lastMatchEnd = 0;
    int searchPos = 0;
    int end = value.length();
    while (searchPos <= end && m.find(searchPos)) {
      int start = m.start();
      int stop = m.end();
      out.append(value, lastMatchEnd, start);
      if (stop > lastMatchEnd || start == 0) {
        expandTemplate(out, replacement, value.substring(start, stop));
      }
      lastMatchEnd = stop;
      int width = searchPos < end ? Character.charCount(value.codePointAt(searchPos)) : 0;
      if (searchPos + width > stop) {
        searchPos += width;
      } else if (searchPos + 1 > stop) {
        searchPos++;
      } else {
        searchPos = stop;
      }
    }
    out.append(value, Math.min(lastMatchEnd, end), end);
    return out.toString();
  }

  /**
   * Go's {@code Regexp.Expand} for a pattern without capture groups: {@code $0} / {@code ${0}} is the
   * whole match, {@code $$} is {@code $}, any other group or name is empty, a malformed reference is
   * literal text.
   */
  private static void expandTemplate(StringBuilder out, String template, String match) {
    int i = 0;
    int n = template.length();
    while (i < n) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        break;
      }
      out.append(template, i, dollar);
      i = dollar + 1;
      if (i < n && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      boolean brace = i < n && template.charAt(i) == '{';
      int nameStart = brace ? i + 1 : i;
      int nameEnd = nameStart;
      while (nameEnd < n) {
        int cp = template.codePointAt(nameEnd);
        if (!GoText.isLetter(cp) && !GoText.isDigit(cp) && cp != '_') {
          break;
        }
        nameEnd += Character.charCount(cp);
      }
      if (nameEnd == nameStart || (brace && (nameEnd >= n || template.charAt(nameEnd) != '}'))) {
        out.append('$'); // malformed: the '$' is literal and scanning resumes right after it
        continue;
      }
      String name = template.substring(nameStart, nameEnd);
      i = brace ? nameEnd + 1 : nameEnd;
      if (isGroupZero(name)) {
        out.append(match);
      }
    }
    out.append(template, Math.min(i, n), n);
  }

  /** Whether a template name refers to group 0; Go rejects leading zeros ("00" is a name, not 0). */
  private static boolean isGroupZero(String name) {
    return name.equals("0");
  }

  /** Reverses a glob without splitting {@code \x} pairs: {@code a\*c} becomes {@code c\*a}. */
  static String reverseGlob(String glob) {
    int[] runes = glob.codePoints().toArray();
    int[] out = new int[runes.length];
    int last = runes.length - 1;
    for (int i = 0; i <= last; ) {
      int outIdx = last - i;
      if (runes[i] == '\\' && i != last) {
        out[outIdx - 1] = runes[i];
        out[outIdx] = runes[i + 1];
        i += 2;
      } else {
        out[outIdx] = runes[i];
        i++;
      }
    }
    return new String(out, 0, out.length);
  }

  static String reverse(String text) {
    int[] runes = text.codePoints().toArray();
    for (int i = 0, j = runes.length - 1; i < j; i++, j--) {
      int t = runes[i];
      runes[i] = runes[j];
      runes[j] = t;
    }
    return new String(runes, 0, runes.length);
  }
}
