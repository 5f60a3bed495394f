package io.kubefile.context;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the Go RE2 source that {@link IgnorePattern} builds and produces a Java pattern that matches the
 * same strings. Most of that source reads the same in both engines, but user text is copied into it, and
 * there the dialects differ: a {@code \} escape of a letter ({@code \v}, {@code \s}, {@code \e}), a
 * {@code [} or {@code &&} inside a class, POSIX classes such as {@code [:alpha:]}, and {@code $} (Java's
 * also matches before a final newline). Every literal is therefore re-emitted as {@code \x{...}}.
 *
 * <p>Whatever Go rejects is rejected with {@link BadPatternException}.
 */
final class GoRegexTranslator {
  private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
      Map.entry("alnum", "0-9A-Za-z"),
      Map.entry("alpha", "A-Za-z"),
      Map.entry("ascii", "\\x{0}-\\x{7f}"),
      Map.entry("blank", "\\x{9}\\x{20}"),
      Map.entry("cntrl", "\\x{0}-\\x{1f}\\x{7f}"),
      Map.entry("digit", "0-9"),
      Map.entry("graph", "\\x{21}-\\x{7e}"),
      Map.entry("lower", "a-z"),
      Map.entry("print", "\\x{20}-\\x{7e}"),
      Map.entry("punct", "\\x{21}-\\x{2f}\\x{3a}-\\x{40}\\x{5b}-\\x{60}\\x{7b}-\\x{7e}"),
      Map.entry("space", "\\x{9}-\\x{d}\\x{20}"),
      Map.entry("upper", "A-Z"),
      Map.entry("word", "0-9A-Za-z_"),
      Map.entry("xdigit", "0-9A-Fa-f"));

  /** Go's {@code \s} is [\t\n\f\r ]; Java's also has \x0B. */
  private static final String GO_SPACE = "\\x{9}\\x{a}\\x{c}\\x{d}\\x{20}";

  private final int[] src;
  private int pos;
  private final StringBuilder out = new StringBuilder();

  private GoRegexTranslator(String goSource) {
    this.src = goSource.codePoints().toArray();
  }

  static Pattern compile(String goSource) {
    GoRegexTranslator t = new GoRegexTranslator(goSource);
    t.translate();
    try {
      return Pattern.compile(t.out.toString(), Pattern.UNIX_LINES);
    } catch (PatternSyntaxException e) {
      throw BadPatternException.syntaxError();
    }
  }

  private boolean more() {
    return pos < src.length;
  }

  private int peek(int ahead) {
    return pos + ahead < src.length ? src[pos + ahead] : -1;
  }

  private void translate() {
    while (more()) {
      int c = src[pos++];
      switch (c) {
        case '\\' -> escapeOutsideClass();
        case '[' -> characterClass();
        case '$' -> out.append("\\z"); // Go's $ is end of text, without Java's final-newline exception
        case '^', '.', '(', ')', '*', '?', '|', '+' -> out.appendCodePoint(c);
        default -> literal(c);
      }
    }
  }

  private void literal(int c) {
    out.append("\\x{").append(Integer.toHexString(c)).append('}');
  }

  private void escapeOutsideClass() {
    int c = peek(0);
    switch (c) {
      case 'A' -> {
        pos++;
        out.append("\\A");
        return;
      }
      case 'z' -> {
        pos++;
        out.append("\\z");
        return;
      }
      case 'b', 'B' -> {
        pos++;
        // Go's word boundary is ASCII-only.
        String w = "[0-9A-Za-z_]";
        out.append(c == 'b'
            ? "(?:(?<=" + w + ")(?!" + w + ")|(?<!" + w + ")(?=" + w + "))"
            : "(?:(?<=" + w + ")(?=" + w + ")|(?<!" + w + ")(?!" + w + "))");
        return;
      }
      case 'Q' -> {
        pos++;
        while (more()) {
          if (src[pos] == '\\' && peek(1) == 'E') {
            pos += 2;
            return;
          }
          literal(src[pos++]);
        }
        return;
      }
      case 'C' -> throw BadPatternException.syntaxError();
      default -> {}
    }
    String cls = classEscape();
    if (cls != null) {
      out.append('[').append(cls).append(']');
      return;
    }
    literal(escapedChar());
  }

  /**
   * A class escape at pos (just after the backslash): Perl {@code \d \s \w} and negations, or
   * {@code \pX}/{@code \p{Name}}. Returns Java class content, or null if it is no class escape.
   */
  private String classEscape() {
    int c = peek(0);
    switch (c) {
      case 'd' -> { pos++; return "0-9"; }
      case 'D' -> { pos++; return "^0-9"; }
      case 'w' -> { pos++; return "0-9A-Za-z_"; }
      case 'W' -> { pos++; return "^0-9A-Za-z_"; }
      case 's' -> { pos++; return GO_SPACE; }
      case 'S' -> { pos++; return "^" + GO_SPACE; }
      case 'p', 'P' -> {
        pos++;
        boolean negated = c == 'P';
        String name;
        if (peek(0) == '{') {
          int close = pos;
          while (close < src.length && src[close] != '}') {
            close++;
          }
          if (close >= src.length) {
            throw BadPatternException.syntaxError();
          }
          name = new String(src, pos + 1, close - pos - 1);
          pos = close + 1;
        } else if (more()) {
          name = new String(src, pos++, 1);
        } else {
          throw BadPatternException.syntaxError();
        }
        if (name.startsWith("^")) {
          negated = !negated;
          name = name.substring(1);
        }
        return (negated ? "^" : "") + "\\p{" + javaUnicodeName(name) + "}";
      }
      default -> { return null; }
    }
  }

  private static String javaUnicodeName(String goName) {
    if (goName.equals("Any")) {
      return "IsAssigned}\\P{IsAssigned"; // every code point
    }
    if (goName.length() <= 2) {
      return goName; // a general category such as L or Lu
    }
    return "Is" + goName; // a script such as Greek
  }

  /** Go's {@code parseEscape} (pos just after the backslash): the escaped character. */
  private int escapedChar() {
    if (!more()) {
      throw BadPatternException.syntaxError(); // trailing backslash
    }
    int c = src[pos++];
    if (c < 0x80 && !Character.isLetterOrDigit(c)) {
      return c; // escaped punctuation is itself
    }
    switch (c) {
      case '1', '2', '3', '4', '5', '6', '7', '0' -> {
        if (c != '0' && !(more() && src[pos] >= '0' && src[pos] <= '7')) {
          throw BadPatternException.syntaxError(); // a backreference, unsupported in RE2
        }
        int value = c - '0';
        for (int k = 0; k < 2 && more() && src[pos] >= '0' && src[pos] <= '7'; k++) {
          value = value * 8 + (src[pos++] - '0');
        }
        return value;
      }
      case 'x' -> {
        if (peek(0) == '{') {
          pos++;
          int value = 0;
          int digits = 0;
          while (more() && src[pos] != '}') {
            int d = Character.digit(src[pos++], 16);
            if (d < 0 || (value = value * 16 + d) > 0x10FFFF) {
              throw BadPatternException.syntaxError();
            }
            digits++;
          }
          if (!more() || digits == 0) {
            throw BadPatternException.syntaxError();
          }
          pos++;
          return value;
        }
        int hi = more() ? Character.digit(src[pos++], 16) : -1;
        int lo = more() ? Character.digit(src[pos++], 16) : -1;
        if (hi < 0 || lo < 0) {
          throw BadPatternException.syntaxError();
        }
        return hi * 16 + lo;
      }
      case 'a' -> { return 0x07; }
      case 'f' -> { return '\f'; }
      case 'n' -> { return '\n'; }
      case 'r' -> { return '\r'; }
      case 't' -> { return '\t'; }
      case 'v' -> { return 0x0B; }
      default -> throw BadPatternException.syntaxError();
    }
  }

  /** Go's {@code parseClass}, pos just after the opening bracket. */
  private void characterClass() {
    StringBuilder cls = new StringBuilder("[");
    if (peek(0) == '^') {
      pos++;
      cls.append('^');
    }
    boolean first = true; // ']' (and '-') are literal as the first character
    while (true) {
      if (!more()) {
        throw BadPatternException.syntaxError(); // missing ]
      }
      if (src[pos] == ']' && !first) {
        pos++;
        break;
      }
      first = false;
      if (src[pos] == '[' && peek(1) == ':') {
        String named = namedClass();
        if (named != null) {
          cls.append(named);
          continue;
        }
      }
      if (src[pos] == '\\') {
        pos++;
        String escape = classEscape();
        if (escape != null) {
          cls.append('[').append(escape).append(']'); // Java unions a nested class
          continue;
        }
        pos--;
      }
      int lo = classChar();
      int hi = lo;
      if (peek(0) == '-' && peek(1) != ']' && peek(1) != -1) {
        pos++;
        hi = classChar();
        if (hi < lo) {
          throw BadPatternException.syntaxError();
        }
      }
      literalInto(cls, lo);
      if (hi != lo) {
        cls.append('-');
        literalInto(cls, hi);
      }
    }
    out.append(cls).append(']');
  }

  private int classChar() {
    if (!more()) {
      throw BadPatternException.syntaxError();
    }
    int c = src[pos++];
    if (c == '\\') {
      return escapedChar();
    }
    return c;
  }

  /** {@code [:name:]} or {@code [:^name:]}; null when there is no closing {@code :]}. */
  private String namedClass() {
    int close = -1;
    for (int i = pos + 2; i + 1 < src.length; i++) {
      if (src[i] == ':' && src[i + 1] == ']') {
        close = i;
        break;
      }
    }
    if (close < 0) {
      return null;
    }
    String name = new String(src, pos + 2, close - pos - 2);
    boolean negated = name.startsWith("^");
    String content = POSIX_CLASSES.get(negated ? name.substring(1) : name);
    if (content == null) {
      throw BadPatternException.syntaxError(); // Go: invalid character class range
    }
    pos = close + 2;
    return "[" + (negated ? "^" : "") + content + "]";
  }

  private static void literalInto(StringBuilder sb, int c) {
    sb.append("\\x{").append(Integer.toHexString(c)).append('}');
  }
}
