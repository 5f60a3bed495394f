package io.kubefile.lang.template;

import io.kubefile.lang.go.GoText;

/**
 * huandu/xstrings v1.4.0's case conversions, which sprig exposes as {@code camelcase}, {@code
 * snakecase} and {@code kebabcase}. Ported rule for rule (word kinds, the "HTTPServer" and "Bld4Floor"
 * cases) because Java libraries (Guava's CaseFormat, commons-text) split words differently and
 * would render other names.
 */
final class XStrings {
  private enum Word { INVALID, NUMBER, UPPER_CASE, ALPHABET, CONNECTOR, PUNCT, OTHER }

  /** A word found by nextWord: its kind and code-point range [start, end) of the input. */
  private record Found(Word kind, int start, int end) {}

  private XStrings() {}

  /** ToCamelCase: words separated by space, underscore or hyphen joined with their first letter upper-cased. */
  static String toCamelCase(String str) {
    int[] cps = str.codePoints().toArray();
    if (cps.length == 0) {
      return "";
    }
    StringBuilder buf = new StringBuilder();
    int i = 0;
    int r0 = 0;
    while (i < cps.length) {
      r0 = cps[i++];
      if (!isConnector(r0)) {
        r0 = Character.toUpperCase(r0);
        break;
      }
      buf.appendCodePoint(r0);
    }
    if (i >= cps.length) {
      // the last rune read is written again when it was a connector ("_" becomes "__"), as in Go
      buf.appendCodePoint(r0);
      return buf.toString();
    }
    while (i < cps.length) {
      int r1 = r0;
      r0 = cps[i++];
      if (isConnector(r0) && isConnector(r1)) {
        buf.appendCodePoint(r1);
        continue;
      }
      if (isConnector(r1)) {
        r0 = Character.toUpperCase(r0);
      } else {
        buf.appendCodePoint(r1);
      }
    }
    buf.appendCodePoint(r0);
    return buf.toString();
  }

  static String toSnakeCase(String str) {
    return camelCaseToLowerCase(str, '_');
  }

  static String toKebabCase(String str) {
    return camelCaseToLowerCase(str, '-');
  }

  private static String camelCaseToLowerCase(String str, int connector) {
    int[] s = str.codePoints().toArray();
    if (s.length == 0) {
      return "";
    }
    StringBuilder buf = new StringBuilder();
    Found w = nextWord(s, 0);
    while (w.end < s.length) {
      if (w.kind != Word.CONNECTOR) {
        toLower(buf, w, s, connector);
      }
      Found prev = w;
      w = nextWord(s, w.end);
      switch (prev.kind) {
        case NUMBER -> {
          while (w.kind == Word.ALPHABET || w.kind == Word.NUMBER) {
            toLower(buf, w, s, connector);
            w = nextWord(s, w.end);
          }
          if (w.kind != Word.INVALID && w.kind != Word.PUNCT && w.kind != Word.CONNECTOR) {
            buf.appendCodePoint(connector);
          }
        }
        case CONNECTOR -> toLower(buf, prev, s, connector);
        case PUNCT -> {
          // nothing
        }
        default -> {
          if (w.kind != Word.NUMBER) {
            if (w.kind != Word.CONNECTOR && w.kind != Word.PUNCT) {
              buf.appendCodePoint(connector);
            }
            break;
          }
          if (w.end >= s.length) {
            break;
          }
          Found last = w;
          w = nextWord(s, w.end);
          if (w.kind != Word.ALPHABET) {
            toLower(buf, new Found(Word.NUMBER, last.start, last.end), s, connector);
            if (w.kind != Word.CONNECTOR && w.kind != Word.PUNCT) {
              buf.appendCodePoint(connector);
            }
            break;
          }
          buf.appendCodePoint(connector);
          toLower(buf, new Found(Word.NUMBER, last.start, last.end), s, connector);
          while (w.kind == Word.ALPHABET || w.kind == Word.NUMBER) {
            toLower(buf, w, s, connector);
            w = nextWord(s, w.end);
          }
          if (w.kind != Word.INVALID && w.kind != Word.CONNECTOR && w.kind != Word.PUNCT) {
            buf.appendCodePoint(connector);
          }
        }
      }
    }
    toLower(buf, w, s, connector);
    return buf.toString();
  }

  /** A rune found by nextValidRune and how many code points it took (skipped U+FFFD included). */
  private record Rune(int r, int size) {}

  /**
   * nextValidRune: the first rune at I that is not U+FFFD (Go's utf8.RuneError, which a literal
   * U+FFFD also decodes to), counting the skipped ones in its size; PREV when only U+FFFD remain.
   */
  private static Rune nextValid(int[] s, int i, int prev) {
    int size = 0;
    while (i + size < s.length) {
      int r = s[i + size];
      size++;
      if (r != 0xFFFD) {
        return new Rune(r, size);
      }
    }
    return new Rune(prev, size);
  }

  /** nextWord: the word starting at FROM (an INVALID empty word at the end of the input). */
  private static Found nextWord(int[] s, int from) {
    if (from >= s.length) {
      return new Found(Word.INVALID, from, from);
    }
    Rune first = nextValid(s, from, 0xFFFD);
    int offset = from + first.size();
    int r = first.r();
    if (r == 0xFFFD) {
      return new Found(Word.INVALID, from, offset);
    }
    int remaining = offset;
    Word kind;
    if (isConnector(r)) {
      kind = Word.CONNECTOR;
      offset = consume(s, offset, r, XStrings::isConnector);
    } else if (isPunct(r)) {
      kind = Word.PUNCT;
      offset = consume(s, offset, r, XStrings::isPunct);
    } else if (isUpper(r)) {
      kind = Word.UPPER_CASE;
      if (remaining < s.length) {
        Rune next = nextValid(s, remaining, r);
        if (isUpper(next.r())) {
          int prevSize = next.size();
          offset += next.size();
          int c = next.r();
          while (offset < s.length) {
            Rune n = nextValid(s, offset, c);
            c = n.r();
            if (!isUpper(c)) {
              break;
            }
            prevSize = n.size();
            offset += n.size();
          }
          // "HTTPStatus" is "HTTP" and "Status": the last upper-case letter starts the next word
          if (offset < s.length && isAlphabet(c)) {
            offset -= prevSize;
          }
        } else if (isAlphabet(next.r())) {
          offset = consume(s, offset + next.size(), next.r(), c -> isAlphabet(c) && !isUpper(c));
        }
      }
    } else if (isAlphabet(r)) {
      kind = Word.ALPHABET;
      offset = consume(s, offset, r, c -> isAlphabet(c) && !isUpper(c));
    } else if (isNumber(r)) {
      kind = Word.NUMBER;
      offset = consume(s, offset, r, XStrings::isNumber);
    } else {
      kind = Word.OTHER;
      offset = consume(s, offset, r,
          c -> !(isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)));
    }
    return new Found(kind, from, offset);
  }

  /** The loop every word kind shares: runes are taken while they are of the kind. */
  private static int consume(int[] s, int offset, int prev, java.util.function.IntPredicate ofKind) {
    int r = prev;
    while (offset < s.length) {
      Rune n = nextValid(s, offset, r);
      r = n.r();
      if (!ofKind.test(r)) {
        break;
      }
      offset += n.size();
    }
    return offset;
  }

  private static void toLower(StringBuilder buf, Found w, int[] s, int connector) {
    boolean convert = w.kind == Word.UPPER_CASE || w.kind == Word.CONNECTOR;
    for (int i = w.start; i < w.end; i++) {
      int r = s[i];
      if (!convert) {
        buf.appendCodePoint(r);
      } else if (isConnector(r)) {
        buf.appendCodePoint(connector);
      } else if (isUpper(r)) {
        buf.appendCodePoint(Character.toLowerCase(r));
      } else {
        buf.appendCodePoint(r);
      }
    }
  }

  private static boolean isConnector(int r) {
    return r == '-' || r == '_' || GoText.isSpace(r);
  }

  /** unicode.IsUpper: category Lu only (Java's isUpperCase also counts Other_Uppercase). */
  private static boolean isUpper(int r) {
    return Character.getType(r) == Character.UPPERCASE_LETTER;
  }

  private static boolean isNumber(int r) {
    int t = Character.getType(r);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
  }

  private static boolean isPunct(int r) {
    int t = Character.getType(r);
    return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
        || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
        || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
        || t == Character.OTHER_PUNCTUATION;
  }

  /** A letter that is not a CJK ideograph. */
  private static boolean isAlphabet(int r) {
    if (!Character.isLetter(r)) {
      return false;
    }
    if (r < 0x3400) {
      return true;
    }
    return !(r >= 0x4E00 && r <= 0x9FCC || r >= 0x3400 && r <= 0x4D85 || r >= 0x20000 && r <= 0x2B81D);
  }
}
