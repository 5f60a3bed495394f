package io.kubefile.lang.parser;

import io.kubefile.lang.go.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * buildkit's {@code parseJSON}: is the text a JSON array of strings, as Go's {@code encoding/json}
 * decodes it into {@code []any}?
 *
 * <p>Written by hand rather than with Jackson because the outcome depends on Go's exact
 * behaviour: strict syntax (trailing data is an error), invalid UTF-8 and lone surrogates inside
 * strings become U+FFFD, and a number too large for float64 makes the whole decode fail (so the
 * instruction silently falls back to shell form instead of failing).
 */
final class JsonStringArray {
  static final String NOT_STRINGS =
      "when using JSON array syntax, arrays must be comprised of strings only";

  /** The three outcomes that matter to the line parsers. */
  sealed interface Outcome permits Strings, NotJson, NonStringElement {}

  record Strings(List<String> values) implements Outcome {}

  /** Not JSON at all, or not decodable: the caller falls back to the non-JSON form. */
  record NotJson() implements Outcome {}

  /** Valid JSON with an element that is not a string: a parse error. */
  record NonStringElement() implements Outcome {}

  private final String s;
  private int pos;
  private boolean numberOverflow;

  private JsonStringArray(String s) {
    this.s = s;
  }

  static Outcome parse(String rest) {
    String text = GoText.trimLeftSpace(rest);
    if (!text.startsWith("[")) {
      return new NotJson();
    }
    JsonStringArray p = new JsonStringArray(text);
    List<Object> elements = new ArrayList<>();
    try {
      p.expect('[');
      p.skipWs();
      if (p.peek() == ']') {
        p.pos++;
      } else {
        while (true) {
          elements.add(p.value());
          p.skipWs();
          int c = p.next();
          if (c == ']') {
            break;
          }
          if (c != ',') {
            return new NotJson();
          }
        }
      }
      p.skipWs();
      if (p.pos != p.s.length()) {
        return new NotJson();
      }
    } catch (Malformed e) {
      return new NotJson();
    }
    if (p.numberOverflow) {
      return new NotJson();
    }
    List<String> strings = new ArrayList<>();
    for (Object o : elements) {
      if (!(o instanceof String str)) {
        return new NonStringElement();
      }
      strings.add(str);
    }
    return new Strings(strings);
  }

  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super(null, null, false, false);
    }
  }

  private int peek() {
    return pos < s.length() ? s.charAt(pos) : -1;
  }

  private int next() throws Malformed {
    if (pos >= s.length()) {
      throw new Malformed();
    }
    return s.charAt(pos++);
  }

  private void expect(char c) throws Malformed {
    if (next() != c) {
      throw new Malformed();
    }
  }

  private void skipWs() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  /**
   * Go's encoding/json refuses input nested deeper than this (the outer array counts as one), so the
   * instruction falls back to its non-JSON form, as in buildkit.
   */
  static final int GO_MAX_NESTING_DEPTH = 10_000;

  /**
   * Returns a String for strings and a marker object for any other value. Nested arrays and objects
   * are checked with an explicit stack instead of recursion: {@code CMD [[[[…]]]]} 10,000 deep used
   * to overflow the Java stack.
   */
  private Object value() throws Malformed {
    skipWs();
    if (peek() == '"') {
      return string();
    }
    StringBuilder closers = new StringBuilder(); // the closing character of each open container
    while (true) {
      skipWs();
      int c = peek();
      if (c == '[' || c == '{') {
        pos++;
        if (1 + closers.length() + 1 > GO_MAX_NESTING_DEPTH) {
          throw new Malformed();
        }
        closers.append(c == '[' ? ']' : '}');
        skipWs();
        if (peek() == closers.charAt(closers.length() - 1)) {
          pos++;
          closers.setLength(closers.length() - 1);
        } else {
          if (c == '{') {
            key();
          }
          continue; // at the container's first value
        }
      } else if (c == '"') {
        string();
      } else {
        scalar(c);
      }
      // after a value: close containers until one has a next element
      while (true) {
        if (closers.length() == 0) {
          return Boolean.FALSE;
        }
        skipWs();
        int d = next();
        char closer = closers.charAt(closers.length() - 1);
        if (d == closer) {
          closers.setLength(closers.length() - 1);
          continue;
        }
        if (d != ',') {
          throw new Malformed();
        }
        if (closer == '}') {
          key();
        }
        break;
      }
    }
  }

  /** An object member's {@code "name":}. */
  private void key() throws Malformed {
    skipWs();
    if (peek() != '"') {
      throw new Malformed();
    }
    string();
    skipWs();
    expect(':');
  }

  private void scalar(int c) throws Malformed {
    switch (c) {
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
        } else {
          throw new Malformed();
        }
      }
    }
  }

  private void literal(String word) throws Malformed {
    if (!s.startsWith(word, pos)) {
      throw new Malformed();
    }
    pos += word.length();
  }

  private void number() throws Malformed {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw new Malformed();
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw new Malformed();
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw new Malformed();
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    // Go decodes numbers into float64; out of range is an UnmarshalTypeError.
    if (Double.isInfinite(Double.parseDouble(s.substring(start, pos)))) {
      numberOverflow = true;
    }
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private String string() throws Malformed {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      int c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw new Malformed();
      }
      if (c == '\\') {
        int e = next();
        switch (e) {
          case '"', '\\', '/' -> out.append((char) e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            int u = hex4();
            if (Character.isHighSurrogate((char) u)
                && s.startsWith("\\u", pos)
                && isHex4At(pos + 2)
                && Character.isLowSurrogate((char) Integer.parseInt(s.substring(pos + 2, pos + 6), 16))) {
              int low = Integer.parseInt(s.substring(pos + 2, pos + 6), 16);
              pos += 6;
              out.appendCodePoint(Character.toCodePoint((char) u, (char) low));
            } else if (Character.isSurrogate((char) u)) {
              out.append('\uFFFD');
            } else {
              out.append((char) u);
            }
          }
          default -> throw new Malformed();
        }
        continue;
      }
      if (Character.isHighSurrogate((char) c) && pos < s.length() && Character.isLowSurrogate(s.charAt(pos))) {
        out.append((char) c).append(s.charAt(pos++));
      } else if (Character.isSurrogate((char) c)) {
        out.append('\uFFFD'); // an invalid UTF-8 byte
      } else {
        out.append((char) c);
      }
    }
  }

  private boolean isHex4At(int at) {
    if (at + 4 > s.length()) {
      return false;
    }
    for (int i = at; i < at + 4; i++) {
      if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }

  private int hex4() throws Malformed {
    if (!isHex4At(pos)) {
      throw new Malformed();
    }
    int u = Integer.parseInt(s.substring(pos, pos + 4), 16);
    pos += 4;
    return u;
  }
}
