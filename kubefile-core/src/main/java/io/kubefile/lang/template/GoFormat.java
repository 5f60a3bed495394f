package io.kubefile.lang.template;

import io.kubefile.lang.go.GoText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code fmt} for the values a template handles: {@code Sprint}, {@code Sprintln}, {@code
 * Sprintf} with the common verbs and flags, Go's value printing ({@code map[k:v]} with sorted keys,
 * {@code [a b]}, {@code <nil>}, floats in Go's shortest {@code %g} form such as {@code 1e+06}) and
 * Go's error forms ({@code %!d(string=x)}, {@code %!s(MISSING)}, {@code %!(EXTRA ...)}). Floats are
 * rounded from their exact binary value, half to even, as Go does (Java's Formatter does not).
 */
final class GoFormat {
  private GoFormat() {}

  static String quote(String s) {
    return GoText.quote(s);
  }

  /** Go's %#U. */
  static String unicodeVerb(int r) {
    String hex = Integer.toHexString(r).toUpperCase(java.util.Locale.ROOT);
    StringBuilder sb = new StringBuilder("U+");
    for (int i = hex.length(); i < 4; i++) {
      sb.append('0');
    }
    sb.append(hex);
    if (GoText.isPrint(r)) {
      sb.append(" '").appendCodePoint(r).append('\'');
    }
    return sb.toString();
  }

  /** What an action prints for a value: Go's printableValue followed by fmt.Fprint. */
  static String printable(Object v) {
    if (v == GoValues.MISSING) {
      return "<no value>";
    }
    return sprint(java.util.Collections.singletonList(v));
  }

  /** Arguments as Go passes them to an ...any function: an invalid value becomes nil. */
  private static Object arg(Object v) {
    return v == GoValues.MISSING ? null : v;
  }

  static String sprint(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    boolean prevString = false;
    for (int i = 0; i < args.size(); i++) {
      Object a = arg(args.get(i));
      boolean isString = a instanceof String;
      if (i > 0 && !isString && !prevString) {
        sb.append(' ');
      }
      printArg(sb, a, 'v', new Spec());
      prevString = isString;
    }
    return sb.toString();
  }

  static String sprintln(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      printArg(sb, arg(args.get(i)), 'v', new Spec());
    }
    return sb.append('\n').toString();
  }

  /** Flags, width and precision of one verb. */
  private static final class Spec {
    boolean plus;
    boolean minus;
    boolean sharp;
    boolean space;
    boolean zero;
    int width = -1;
    int prec = -1;
  }

  static String sprintf(String format, List<Object> args) {
    StringBuilder sb = new StringBuilder();
    int argNum = 0;
    int end = format.length();
    int i = 0;
    while (i < end) {
      int lasti = i;
      while (i < end && format.charAt(i) != '%') {
        i++;
      }
      if (i > lasti) {
        sb.append(format, lasti, i);
      }
      if (i >= end) {
        break;
      }
      i++; // skip %
      Spec spec = new Spec();
      flags:
      for (; i < end; i++) {
        switch (format.charAt(i)) {
          case '#': spec.sharp = true; break;
          case '0': spec.zero = !spec.minus; break;
          case '+': spec.plus = true; break;
          case '-': spec.minus = true; spec.zero = false; break;
          case ' ': spec.space = true; break;
          default: break flags;
        }
      }
      // width
      if (i < end && format.charAt(i) == '*') {
        i++;
        if (argNum < args.size() && arg(args.get(argNum)) instanceof Long w) {
          spec.width = (int) (long) w;
          if (spec.width < 0) {
            spec.minus = true;
            spec.width = -spec.width;
            spec.zero = false;
          }
          argNum++;
        } else {
          sb.append("%!(BADWIDTH)");
          argNum++;
        }
      } else {
        int start = i;
        while (i < end && Character.isDigit(format.charAt(i))) {
          i++;
        }
        if (i > start) {
          spec.width = Integer.parseInt(format.substring(start, i));
        }
      }
      if (i + 1 <= end && i < end && format.charAt(i) == '.') {
        i++;
        if (i < end && format.charAt(i) == '*') {
          i++;
          if (argNum < args.size() && arg(args.get(argNum)) instanceof Long p) {
            spec.prec = (int) (long) p;
            if (spec.prec < 0) {
              spec.prec = -1;
            }
            argNum++;
          } else {
            sb.append("%!(BADPREC)");
            argNum++;
          }
        } else {
          int start = i;
          while (i < end && Character.isDigit(format.charAt(i))) {
            i++;
          }
          spec.prec = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
        }
      }
      if (i >= end) {
        sb.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      if (verb == '%') {
        sb.append('%');
        continue;
      }
      if (argNum >= args.size()) {
        sb.append("%!").appendCodePoint(verb).append("(MISSING)");
        continue;
      }
      printArg(sb, arg(args.get(argNum++)), verb, spec);
    }
    if (argNum < args.size()) {
      sb.append("%!(EXTRA ");
      for (int k = argNum; k < args.size(); k++) {
        if (k > argNum) {
          sb.append(", ");
        }
        Object a = arg(args.get(k));
        if (a == null) {
          sb.append("<nil>");
        } else {
          sb.append(GoValues.typeName(a)).append('=');
          printArg(sb, a, 'v', new Spec());
        }
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private static void printArg(StringBuilder sb, Object a, int verb, Spec spec) {
    if (a == null) {
      if (verb == 'T' || verb == 'v') {
        pad(sb, "<nil>", spec);
      } else {
        badVerb(sb, a, verb);
      }
      return;
    }
    if (verb == 'T') {
      pad(sb, GoValues.typeName(a), spec);
      return;
    }
    if (a instanceof Boolean b) {
      if (verb == 't' || verb == 'v') {
        pad(sb, b.toString(), spec);
      } else {
        badVerb(sb, a, verb);
      }
    } else if (a instanceof Long l) {
      formatInteger(sb, l, verb, spec);
    } else if (a instanceof Double d) {
      formatFloat(sb, d, verb, spec);
    } else if (a instanceof String s) {
      formatString(sb, s, verb, spec);
    } else if (a instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        Object e = GoValues.normalize(list.get(i));
        if (e == null) {
          sb.append("<nil>");
        } else {
          printArg(sb, e, verb, spec);
        }
      }
      sb.append(']');
    } else if (a instanceof Map<?, ?> map) {
      sb.append("map[");
      boolean first = true;
      for (Map.Entry<String, Object> e : Executor.sorted(map).entrySet()) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        printArg(sb, e.getKey(), verb, spec);
        sb.append(':');
        if (e.getValue() == null) {
          sb.append("<nil>");
        } else {
          printArg(sb, e.getValue(), verb, spec);
        }
      }
      sb.append(']');
    } else {
      pad(sb, String.valueOf(a), spec);
    }
  }

  private static void badVerb(StringBuilder sb, Object a, int verb) {
    sb.append("%!").appendCodePoint(verb).append('(');
    if (a == null) {
      sb.append("<nil>");
    } else {
      sb.append(GoValues.typeName(a)).append('=');
      printArg(sb, a, 'v', new Spec());
    }
    sb.append(')');
  }

  private static void pad(StringBuilder sb, String s, Spec spec) {
    int n = s.codePointCount(0, s.length());
    if (spec.width <= n) {
      sb.append(s);
      return;
    }
    String fill = (spec.zero && !spec.minus ? "0" : " ").repeat(spec.width - n);
    if (spec.minus) {
      sb.append(s).append(fill);
    } else {
      sb.append(fill).append(s);
    }
  }

  private static void formatString(StringBuilder sb, String s, int verb, Spec spec) {
    switch (verb) {
      case 'v':
      case 's':
        pad(sb, truncate(s, spec.prec), spec);
        break;
      case 'q':
        pad(sb, spec.sharp && s.indexOf('`') < 0 && !s.contains("\r") ? "`" + s + "`" : quote(truncate(s, spec.prec)),
            spec);
        break;
      case 'x':
      case 'X': {
        StringBuilder hex = new StringBuilder();
        byte[] bytes = GoText.encode(truncate(s, spec.prec));
        for (int i = 0; i < bytes.length; i++) {
          if (spec.space && i > 0) {
            hex.append(' ');
          }
          if (spec.sharp && (spec.space || i == 0)) {
            hex.append(verb == 'x' ? "0x" : "0X");
          }
          String h = String.format("%02x", bytes[i] & 0xFF);
          hex.append(verb == 'X' ? h.toUpperCase(java.util.Locale.ROOT) : h);
        }
        pad(sb, hex.toString(), spec);
        break;
      }
      default:
        badVerb(sb, s, verb);
    }
  }

  private static String truncate(String s, int prec) {
    if (prec < 0 || s.codePointCount(0, s.length()) <= prec) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, prec));
  }

  private static void formatInteger(StringBuilder sb, long v, int verb, Spec spec) {
    String digits;
    String prefix = "";
    switch (verb) {
      case 'v':
      case 'd':
        digits = Long.toString(Math.abs(v));
        if (v == Long.MIN_VALUE) {
          digits = "9223372036854775808";
        }
        break;
      case 'b':
        digits = Long.toBinaryString(Math.abs(v));
        if (spec.sharp) {
          prefix = "0b";
        }
        break;
      case 'o':
      case 'O':
        digits = Long.toOctalString(Math.abs(v));
        if (verb == 'O') {
          prefix = "0o";
        } else if (spec.sharp && !digits.startsWith("0")) {
          prefix = "0";
        }
        break;
      case 'x':
        digits = Long.toHexString(Math.abs(v));
        if (spec.sharp) {
          prefix = "0x";
        }
        break;
      case 'X':
        digits = Long.toHexString(Math.abs(v)).toUpperCase(java.util.Locale.ROOT);
        if (spec.sharp) {
          prefix = "0X";
        }
        break;
      case 'c':
        pad(sb, validRune(v) ? new String(Character.toChars((int) v)) : "\uFFFD", spec);
        return;
      case 'q':
        pad(sb, quoteRune(v), spec);
        return;
      case 'U': {
        String hex = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
        String u = "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
        if (spec.sharp && validRune(v) && GoText.isPrint((int) v)) {
          u += " '" + new String(Character.toChars((int) v)) + "'";
        }
        pad(sb, u, spec);
        return;
      }
      default:
        badVerb(sb, v, verb);
        return;
    }
    if (spec.prec >= 0) {
      if (spec.prec == 0 && v == 0) {
        digits = "";
      }
      while (digits.length() < spec.prec) {
        digits = "0" + digits;
      }
    }
    String sign = v < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    String body = prefix + digits;
    if (spec.zero && !spec.minus && spec.prec < 0 && spec.width > sign.length() + body.length()) {
      body = prefix + "0".repeat(spec.width - sign.length() - body.length()) + digits;
    }
    Spec noZero = new Spec();
    noZero.width = spec.width;
    noZero.minus = spec.minus;
    pad(sb, sign + body, noZero);
  }

  private static boolean validRune(long v) {
    return v >= 0 && v <= 0x10FFFF && !(v >= 0xD800 && v < 0xE000);
  }

  private static String quoteRune(long v) {
    if (!validRune(v)) {
      return "'\uFFFD'";
    }
    if (v == '\'') {
      return "'\\''";
    }
    if (v == '"') {
      return "'\"'";
    }
    String q = quote(new String(Character.toChars((int) v)));
    return "'" + q.substring(1, q.length() - 1) + "'";
  }

  private static void formatFloat(StringBuilder sb, double v, int verb, Spec spec) {
    String s;
    switch (verb) {
      case 'v':
        s = formatFloat(v, 'g', -1);
        break;
      case 'x':
      case 'X':
        s = hexFloat(v, spec.prec);
        if (verb == 'X') {
          s = s.toUpperCase(java.util.Locale.ROOT);
        }
        break;
      case 'g':
      case 'G':
      case 'e':
      case 'E':
      case 'f':
      case 'F':
        s = formatFloat(v, (char) Character.toLowerCase(verb),
            spec.prec < 0 && verb != 'g' && verb != 'G' ? 6 : spec.prec);
        if (verb == 'G' || verb == 'E') {
          s = s.toUpperCase(java.util.Locale.ROOT);
        }
        break;
      default:
        badVerb(sb, v, verb);
        return;
    }
    if (Double.isInfinite(v) || Double.isNaN(v)) {
      s = Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
      if (v > 0 && !spec.plus) {
        s = s.substring(1);
      }
      Spec noZero = new Spec();
      noZero.width = spec.width;
      noZero.minus = spec.minus;
      pad(sb, s, noZero);
      return;
    }
    String sign = "";
    if (s.startsWith("-")) {
      sign = "-";
      s = s.substring(1);
    } else if (spec.plus) {
      sign = "+";
    } else if (spec.space) {
      sign = " ";
    }
    if (spec.zero && !spec.minus && spec.width > sign.length() + s.length()) {
      s = "0".repeat(spec.width - sign.length() - s.length()) + s;
    }
    Spec noZero = new Spec();
    noZero.width = spec.width;
    noZero.minus = spec.minus;
    pad(sb, sign + s, noZero);
  }

  /** strconv.FormatFloat(v, 'x', -1, 64) (shortest hexadecimal mantissa, exponent of 2+ digits). */
  static String hexFloat(double v, int prec) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return formatFloat(v, 'g', -1);
    }
    if (v == 0) {
      return (1 / v < 0 ? "-" : "") + "0x0p+00";
    }
    String j = Double.toHexString(v); // e.g. 0x1.cp1, -0x1.0p-3
    boolean neg = j.startsWith("-");
    String body = j.substring(neg ? 3 : 2);
    int p = body.indexOf('p');
    String mantissa = body.substring(0, p);
    int exp = Integer.parseInt(body.substring(p + 1));
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    String e = String.valueOf(Math.abs(exp));
    return (neg ? "-" : "") + "0x" + mantissa + "p" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
  }

  /** strconv.FormatFloat(v, fmt, prec, 64) for fmt in e, f, g. */
  static String formatFloat(double v, char fmt, int prec) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean neg = v < 0 || (v == 0 && 1 / v < 0);
    double abs = Math.abs(v);
    String digits;
    int dp;
    boolean shortest = prec < 0;
    if (abs == 0) {
      digits = "";
      dp = 0;
    } else if (shortest) {
      BigDecimal bd = new BigDecimal(Double.toString(abs)).stripTrailingZeros();
      digits = bd.unscaledValue().toString();
      dp = digits.length() - bd.scale();
    } else {
      BigDecimal exact = new BigDecimal(abs);
      BigDecimal rounded;
      switch (fmt) {
        case 'e':
          rounded = exact.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
          break;
        case 'f':
          rounded = exact.setScale(prec, RoundingMode.HALF_EVEN);
          break;
        default:
          rounded = exact.round(new MathContext(prec == 0 ? 1 : prec, RoundingMode.HALF_EVEN));
      }
      if (rounded.signum() == 0) {
        digits = "";
        dp = 0;
      } else {
        rounded = rounded.stripTrailingZeros();
        digits = rounded.unscaledValue().toString();
        dp = digits.length() - rounded.scale();
      }
    }
    String body;
    switch (fmt) {
      case 'e':
        body = fmtE(digits, dp, shortest ? Math.max(digits.length() - 1, 0) : prec);
        break;
      case 'f':
        body = fmtF(digits, dp, shortest ? Math.max(digits.length() - dp, 0) : prec);
        break;
      default: {
        int eprec = prec;
        if (eprec > digits.length() && digits.length() >= dp) {
          eprec = digits.length();
        }
        if (shortest) {
          eprec = 6;
        }
        int exp = dp - 1;
        if (digits.isEmpty()) {
          exp = 0;
        }
        if (exp < -4 || exp >= eprec) {
          body = fmtE(digits, dp, Math.max(digits.length() - 1, 0));
        } else {
          body = fmtF(digits, dp, Math.max(digits.length() - dp, 0));
        }
      }
    }
    return neg ? "-" + body : body;
  }

  private static String fmtE(String digits, int dp, int prec) {
    StringBuilder sb = new StringBuilder();
    sb.append(digits.isEmpty() ? '0' : digits.charAt(0));
    if (prec > 0) {
      sb.append('.');
      for (int i = 1; i <= prec; i++) {
        sb.append(i < digits.length() ? digits.charAt(i) : '0');
      }
    }
    int exp = digits.isEmpty() ? 0 : dp - 1;
    sb.append('e').append(exp < 0 ? '-' : '+');
    int e = Math.abs(exp);
    if (e < 10) {
      sb.append('0');
    }
    return sb.append(e).toString();
  }

  private static String fmtF(String digits, int dp, int prec) {
    StringBuilder sb = new StringBuilder();
    if (dp > 0) {
      for (int i = 0; i < dp; i++) {
        sb.append(i < digits.length() ? digits.charAt(i) : '0');
      }
    } else {
      sb.append('0');
    }
    if (prec > 0) {
      sb.append('.');
      for (int i = 0; i < prec; i++) {
        int j = dp + i;
        sb.append(j >= 0 && j < digits.length() ? digits.charAt(j) : '0');
      }
    }
    return sb.toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
