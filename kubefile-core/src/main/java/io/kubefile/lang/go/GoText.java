package io.kubefile.lang.go;

import java.io.ByteArrayOutputStream;

/**
 * Go string semantics on Java strings.
 *
 * <p>buildkit works on Go strings: byte sequences that are usually, but not always, valid UTF-8.
 * To keep invalid bytes (which {@code strconv.Quote} prints as {@code \xNN}) we decode like
 * Python's "surrogateescape": every byte that is not part of a valid UTF-8 sequence (by Go's
 * rules: no overlongs, no surrogates, nothing above U+10FFFF) becomes the lone surrogate
 * U+DC80..U+DCFF. Valid UTF-8 never produces a lone surrogate, so {@link #encode} restores the
 * original bytes exactly.
 *
 * <p>The whitespace, printable, letter, digit and case helpers replicate Go's {@code unicode},
 * {@code strings} and {@code strconv} packages, which differ from {@link Character#isWhitespace}
 * (it excludes U+00A0 and includes U+001C..U+001F) and {@link String#strip()}. The parser, the
 * shell lexer and the build context all use these, so they agree with each other and with Go.
 */
public final class GoText {
  private static final int ESCAPED_BYTE_BASE = 0xDC00;

  private GoText() {}

  /** Decodes bytes as Go sees them, keeping each invalid byte as an escape surrogate. */
  public static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  public static String decode(byte[] b, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      int b0 = b[i] & 0xFF;
      if (b0 < 0x80) {
        out.append((char) b0);
        i++;
        continue;
      }
      int cp = -1;
      int width = 1;
      if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < to && isCont(b[i + 1])) {
        cp = ((b0 & 0x1F) << 6) | (b[i + 1] & 0x3F);
        width = 2;
      } else if (b0 >= 0xE0 && b0 <= 0xEF && i + 2 < to) {
        int b1 = b[i + 1] & 0xFF;
        int lo = b0 == 0xE0 ? 0xA0 : 0x80;
        int hi = b0 == 0xED ? 0x9F : 0xBF;
        if (b1 >= lo && b1 <= hi && isCont(b[i + 2])) {
          cp = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b[i + 2] & 0x3F);
          width = 3;
        }
      } else if (b0 >= 0xF0 && b0 <= 0xF4 && i + 3 < to) {
        int b1 = b[i + 1] & 0xFF;
        int lo = b0 == 0xF0 ? 0x90 : 0x80;
        int hi = b0 == 0xF4 ? 0x8F : 0xBF;
        if (b1 >= lo && b1 <= hi && isCont(b[i + 2]) && isCont(b[i + 3])) {
          cp = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
          width = 4;
        }
      }
      if (cp < 0) {
        out.append((char) (ESCAPED_BYTE_BASE + b0));
      } else {
        out.appendCodePoint(cp);
      }
      i += width;
    }
    return out.toString();
  }

  private static boolean isCont(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /** Encodes back to the exact bytes {@link #decode} came from. */
  public static byte[] encode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isEscapedByte(cp)) {
        out.write(cp - ESCAPED_BYTE_BASE);
      } else if (Character.isSurrogate((char) cp) && cp < 0x10000) {
        writeUtf8(out, 0xFFFD); // cannot happen for decoded text; Go would write U+FFFD too
      } else {
        writeUtf8(out, cp);
      }
    }
    return out.toByteArray();
  }

  private static void writeUtf8(ByteArrayOutputStream out, int cp) {
    if (cp < 0x80) {
      out.write(cp);
    } else if (cp < 0x800) {
      out.write(0xC0 | (cp >> 6));
      out.write(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out.write(0xE0 | (cp >> 12));
      out.write(0x80 | ((cp >> 6) & 0x3F));
      out.write(0x80 | (cp & 0x3F));
    } else {
      out.write(0xF0 | (cp >> 18));
      out.write(0x80 | ((cp >> 12) & 0x3F));
      out.write(0x80 | ((cp >> 6) & 0x3F));
      out.write(0x80 | (cp & 0x3F));
    }
  }

  /** True for the surrogate that stands for one invalid byte. */
  public static boolean isEscapedByte(int cp) {
    return cp >= 0xDC80 && cp <= 0xDCFF;
  }

  /** The rune Go decodes at this point: an invalid byte reads as U+FFFD (utf8.RuneError). */
  public static int goRune(int cp) {
    return isEscapedByte(cp) ? 0xFFFD : cp;
  }

  /** Go {@code unicode.IsSpace}. */
  public static boolean isSpace(int cp) {
    switch (cp) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
        return true;
      default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
  }

  /** Go {@code strings.TrimSpace}. */
  public static String trimSpace(String s) {
    return trimRightSpace(trimLeftSpace(s));
  }

  /** Go {@code strings.TrimLeftFunc(s, unicode.IsSpace)}. */
  public static String trimLeftSpace(String s) {
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!isSpace(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return s.substring(i);
  }

  /** Go {@code strings.TrimRightFunc(s, unicode.IsSpace)}. */
  public static String trimRightSpace(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /** Go {@code unicode.IsLetter}: general category L. */
  public static boolean isLetter(int cp) {
    return Character.isLetter(cp);
  }

  /** Go {@code unicode.IsDigit}: general category Nd. */
  public static boolean isDigit(int cp) {
    return Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
  }

  /** Go {@code strings.ToLower}: simple per-rune mapping; invalid bytes become U+FFFD. */
  public static String toLower(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> out.appendCodePoint(Character.toLowerCase(goRune(cp))));
    return out.toString();
  }

  /** Go {@code strings.ToUpper}. */
  public static String toUpper(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> out.appendCodePoint(Character.toUpperCase(goRune(cp))));
    return out.toString();
  }

  /** Go {@code strconv.Quote}, so messages read exactly like Go's {@code %q}. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2);
    out.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isEscapedByte(cp)) {
        appendHex(out, "\\x", cp - ESCAPED_BYTE_BASE, 2);
      } else if (cp == '"' || cp == '\\') {
        out.append('\\').append((char) cp);
      } else if (isPrint(cp)) {
        out.appendCodePoint(cp);
      } else {
        switch (cp) {
          case 0x07 -> out.append("\\a");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case 0x0B -> out.append("\\v");
          default -> {
            if (cp < ' ' || cp == 0x7F) {
              appendHex(out, "\\x", cp, 2);
            } else if (Character.isSurrogate((char) cp) && cp < 0x10000) {
              out.append("\\ufffd"); // unreachable for decoded text; Go prints invalid runes as U+FFFD
            } else if (cp < 0x10000) {
              appendHex(out, "\\u", cp, 4);
            } else {
              appendHex(out, "\\U", cp, 8);
            }
          }
        }
      }
    }
    out.append('"');
    return out.toString();
  }

  private static void appendHex(StringBuilder out, String prefix, int value, int digits) {
    String hex = Integer.toHexString(value);
    out.append(prefix);
    for (int i = hex.length(); i < digits; i++) {
      out.append('0');
    }
    out.append(hex);
  }

  /** Go {@code strconv.IsPrint}: Unicode categories L, M, N, P, S and the ASCII space. */
  public static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    if (isEscapedByte(cp)) {
      return false;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER,
          Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }
}
