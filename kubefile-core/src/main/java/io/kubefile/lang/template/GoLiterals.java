package io.kubefile.lang.template;

import io.kubefile.lang.go.GoText;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Go's {@code strconv} literal parsing as the template parser uses it: Unquote for strings and
 * character constants, ParseInt/ParseUint with base 0 (prefixes {@code 0x 0o 0b}, a leading 0 for
 * octal, underscores between digits) and ParseFloat. Each returns null where Go returns an error.
 */
final class GoLiterals {
  private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private GoLiterals() {}

  static Long parseInt(String s) {
    boolean negative = false;
    String body = s;
    if (body.startsWith("+") || body.startsWith("-")) {
      negative = body.startsWith("-");
      body = body.substring(1);
    }
    BigInteger v = parseMagnitude(body);
    if (v == null) {
      return null;
    }
    if (negative) {
      v = v.negate();
    }
    if (v.compareTo(MAX_INT64) > 0 || v.compareTo(MIN_INT64) < 0) {
      return null;
    }
    return v.longValue();
  }

  /** The uint64 as its two's-complement long bits. */
  static Long parseUint(String s) {
    BigInteger v = parseMagnitude(s);
    if (v == null || v.compareTo(MAX_UINT64) > 0) {
      return null;
    }
    return v.longValue();
  }

  private static BigInteger parseMagnitude(String s) {
    if (s.isEmpty()) {
      return null;
    }
    int base = 10;
    String digits = s;
    boolean prefixed = false;
    if (s.length() > 1 && s.charAt(0) == '0') {
      char c = Character.toLowerCase(s.charAt(1));
      if (c == 'x') {
        base = 16;
        digits = s.substring(2);
        prefixed = true;
      } else if (c == 'o') {
        base = 8;
        digits = s.substring(2);
        prefixed = true;
      } else if (c == 'b') {
        base = 2;
        digits = s.substring(2);
        prefixed = true;
      } else {
        base = 8;
        digits = s.substring(1);
        prefixed = true;
      }
    }
    if (!underscoreOk(s, prefixed)) {
      return null;
    }
    digits = digits.replace("_", "");
    if (digits.isEmpty()) {
      return null;
    }
    try {
      return new BigInteger(digits, base);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** strconv's underscoreOK: underscores only between digits or after a base prefix. */
  private static boolean underscoreOk(String s, boolean prefixed) {
    if (s.indexOf('_') < 0) {
      return true;
    }
    char saw = '^';
    int i = 0;
    if (s.length() >= 1 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      s = s.substring(1);
    }
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char c = Character.toLowerCase(s.charAt(1));
      if (c == 'x' || c == 'o' || c == 'b') {
        hex = c == 'x';
        i = 2;
        saw = '0';
      }
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isDigit(c) || hex && Character.toLowerCase(c) >= 'a' && Character.toLowerCase(c) <= 'f') {
        saw = '0';
        continue;
      }
      if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
        continue;
      }
      if (saw == '_') {
        return false;
      }
      saw = '!';
    }
    return saw != '_';
  }

  static Double parseFloat(String s) {
    String body = s.replace("_", "");
    if (!body.equals(s) && !underscoreOk(s, false)) {
      return null;
    }
    String lower = body.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("x") && !lower.contains("p")) {
      return null;
    }
    if (body.matches("[+-]?(inf|infinity|nan)") || body.endsWith("d") || body.endsWith("f") || body.endsWith("D")
        || body.endsWith("F")) {
      return null;
    }
    try {
      return Double.parseDouble(body);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** strconv.Unquote for "..." and `...` strings and '...' character constants. */
  static String unquote(String quoted) {
    if (quoted.length() < 2) {
      return null;
    }
    char q = quoted.charAt(0);
    if (q != quoted.charAt(quoted.length() - 1)) {
      return null;
    }
    String body = quoted.substring(1, quoted.length() - 1);
    if (q == '`') {
      if (body.indexOf('`') >= 0) {
        return null;
      }
      return body.replace("\r", "");
    }
    if (q != '"' && q != '\'') {
      return null;
    }
    String s = unescape(body, q);
    if (s == null) {
      return null;
    }
    if (q == '\'' && s.codePointCount(0, s.length()) != 1) {
      return null;
    }
    return s;
  }

  static String unquoteChar(String quoted) {
    return unquote(quoted);
  }

  private static String unescape(String body, char quote) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
    int i = 0;
    while (i < body.length()) {
      int c = body.codePointAt(i);
      if (c == quote || c == '\n') {
        return null;
      }
      if (c != '\\') {
        writeRune(out, c);
        i += Character.charCount(c);
        continue;
      }
      if (i + 1 >= body.length()) {
        return null;
      }
      char e = body.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'a': out.write(7); break;
        case 'b': out.write('\b'); break;
        case 'f': out.write('\f'); break;
        case 'n': out.write('\n'); break;
        case 'r': out.write('\r'); break;
        case 't': out.write('\t'); break;
        case 'v': out.write(11); break;
        case '\\': out.write('\\'); break;
        case '\'':
        case '"':
          if (e != quote) {
            return null;
          }
          out.write(e);
          break;
        case 'x':
        case 'u':
        case 'U': {
          int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + n > body.length()) {
            return null;
          }
          int v;
          try {
            v = Integer.parseUnsignedInt(body.substring(i, i + n), 16);
          } catch (NumberFormatException ex) {
            return null;
          }
          i += n;
          if (e == 'x') {
            out.write(v);
          } else {
            if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) {
              return null;
            }
            writeRune(out, v);
          }
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            if (i + 2 > body.length()) {
              return null;
            }
            String oct = body.substring(i - 1, i + 2);
            if (!oct.matches("[0-7]{3}")) {
              return null;
            }
            int v = Integer.parseInt(oct, 8);
            if (v > 255) {
              return null;
            }
            out.write(v);
            i += 2;
            break;
          }
          return null;
      }
    }
    return GoText.decode(out.toByteArray());
  }

  private static void writeRune(ByteArrayOutputStream out, int cp) {
    if (GoText.isEscapedByte(cp)) {
      out.write(cp - 0xDC00);
      return;
    }
    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }
}
