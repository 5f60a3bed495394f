package io.kubefile.lang.template;

import static io.kubefile.lang.template.Functions.fn;
import static io.kubefile.lang.template.Functions.integer;
import static io.kubefile.lang.template.Functions.str;
import static io.kubefile.lang.template.Functions.strval;
import static io.kubefile.lang.template.Functions.variadic;
import static io.kubefile.lang.template.GoFunction.Type.ANY;
import static io.kubefile.lang.template.GoFunction.Type.INT;
import static io.kubefile.lang.template.GoFunction.Type.STRING;

import io.kubefile.lang.go.GoText;
import io.kubefile.lang.template.GoFunction.Failure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.zip.Adler32;

/** sprig v3 string, path, encoding and regular-expression functions ({@code strings.go}, {@code regex.go}). */
final class SprigStrings {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SprigStrings() {}

  static void register(Map<String, GoFunction> m) {
    fn(m, "hello", l -> "Hello!");
    fn(m, "upper", l -> GoText.toUpper(str(l, 0)), STRING);
    fn(m, "lower", l -> GoText.toLower(str(l, 0)), STRING);
    fn(m, "title", l -> title(str(l, 0)), STRING);
    fn(m, "untitle", l -> mapWords(str(l, 0), false), STRING);
    fn(m, "swapcase", l -> swapCase(str(l, 0)), STRING);
    fn(m, "camelcase", l -> XStrings.toCamelCase(str(l, 0)), STRING);
    fn(m, "snakecase", l -> XStrings.toSnakeCase(str(l, 0)), STRING);
    fn(m, "kebabcase", l -> XStrings.toKebabCase(str(l, 0)), STRING);
    fn(m, "substr", l -> substr((int) integer(l, 0), (int) integer(l, 1), str(l, 2)), INT, INT, STRING);
    fn(m, "repeat", l -> repeat(integer(l, 0), str(l, 1)), INT, STRING);
    fn(m, "trim", l -> GoText.trimSpace(str(l, 0)), STRING);
    fn(m, "trimAll", l -> trimSet(str(l, 1), str(l, 0)), STRING, STRING);
    fn(m, "trimall", l -> trimSet(str(l, 1), str(l, 0)), STRING, STRING);
    fn(m, "trimSuffix", l -> str(l, 1).endsWith(str(l, 0))
        ? str(l, 1).substring(0, str(l, 1).length() - str(l, 0).length()) : str(l, 1), STRING, STRING);
    fn(m, "trimPrefix", l -> str(l, 1).startsWith(str(l, 0)) ? str(l, 1).substring(str(l, 0).length()) : str(l, 1),
        STRING, STRING);
    fn(m, "nospace", l -> nospace(str(l, 0)), STRING);
    fn(m, "abbrev", l -> integer(l, 0) < 4 ? str(l, 1) : abbreviate(str(l, 1), 0, (int) integer(l, 0)), INT, STRING);
    fn(m, "abbrevboth", l -> {
      long left = integer(l, 0);
      long right = integer(l, 1);
      if (right < 4 || left > 0 && right < 7) {
        return str(l, 2);
      }
      return abbreviate(str(l, 2), (int) left, (int) right);
    }, INT, INT, STRING);
    fn(m, "trunc", l -> trunc(integer(l, 0), str(l, 1)), INT, STRING);
    fn(m, "initials", l -> initials(str(l, 0)), STRING);
    fn(m, "wrap", l -> wrap(str(l, 1), (int) integer(l, 0), "\n", false), INT, STRING);
    fn(m, "wrapWith", l -> wrap(str(l, 2), (int) integer(l, 0), str(l, 1), true), INT, STRING, STRING);
    fn(m, "contains", l -> str(l, 1).contains(str(l, 0)), STRING, STRING);
    fn(m, "hasPrefix", l -> str(l, 1).startsWith(str(l, 0)), STRING, STRING);
    fn(m, "hasSuffix", l -> str(l, 1).endsWith(str(l, 0)), STRING, STRING);
    variadic(m, "quote", l -> quoteAll(l, true), ANY);
    variadic(m, "squote", l -> quoteAll(l, false), ANY);
    variadic(m, "cat", SprigStrings::cat, ANY);
    fn(m, "indent", l -> indent(integer(l, 0), str(l, 1)), INT, STRING);
    fn(m, "nindent", l -> "\n" + indent(integer(l, 0), str(l, 1)), INT, STRING);
    fn(m, "replace", l -> str(l, 2).replace(str(l, 0), str(l, 1)), STRING, STRING, STRING);
    fn(m, "plural", l -> integer(l, 2) == 1 ? str(l, 0) : str(l, 1), STRING, STRING, INT);
    fn(m, "sha1sum", l -> digest("SHA-1", str(l, 0)), STRING);
    fn(m, "sha256sum", l -> digest("SHA-256", str(l, 0)), STRING);
    fn(m, "adler32sum", l -> {
      Adler32 a = new Adler32();
      a.update(GoText.encode(str(l, 0)));
      return Long.toString(a.getValue());
    }, STRING);
    fn(m, "toString", l -> strval(l.get(0)), ANY);
    fn(m, "split", l -> split(str(l, 0), str(l, 1), -1), STRING, STRING);
    fn(m, "splitn", l -> split(str(l, 0), str(l, 2), (int) integer(l, 1)), STRING, INT, STRING);
    fn(m, "splitList", l -> new ArrayList<Object>(goSplit(str(l, 1), str(l, 0), -1)), STRING, STRING);
    fn(m, "toStrings", l -> new ArrayList<Object>(strslice(l.get(0))), ANY);
    fn(m, "join", l -> String.join(str(l, 0), strslice(l.get(1))), STRING, ANY);
    fn(m, "sortAlpha", l -> sortAlpha(l.get(0)), ANY);
    fn(m, "b64enc", l -> Base64.getEncoder().encodeToString(GoText.encode(str(l, 0))), STRING);
    fn(m, "b64dec", l -> b64dec(str(l, 0)), STRING);
    fn(m, "b32enc", l -> Base32.encode(GoText.encode(str(l, 0))), STRING);
    fn(m, "b32dec", l -> Base32.decode(str(l, 0)), STRING);
    for (String prefix : new String[] {"", "os"}) {
      fn(m, prefix.isEmpty() ? "base" : "osBase", l -> GoPaths.base(str(l, 0)), STRING);
      fn(m, prefix.isEmpty() ? "dir" : "osDir", l -> GoPaths.dir(str(l, 0)), STRING);
      fn(m, prefix.isEmpty() ? "clean" : "osClean", l -> GoPaths.clean(str(l, 0)), STRING);
      fn(m, prefix.isEmpty() ? "ext" : "osExt", l -> GoPaths.ext(str(l, 0)), STRING);
      fn(m, prefix.isEmpty() ? "isAbs" : "osIsAbs", l -> str(l, 0).startsWith("/"), STRING);
    }
    fn(m, "randAlphaNum", l -> random(integer(l, 0), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
        INT);
    fn(m, "randAlpha", l -> random(integer(l, 0), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), INT);
    fn(m, "randNumeric", l -> random(integer(l, 0), "0123456789"), INT);
    fn(m, "randAscii", l -> {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < integer(l, 0); i++) {
        sb.append((char) (32 + RANDOM.nextInt(95)));
      }
      return sb.toString();
    }, INT);
    fn(m, "shuffle", l -> {
      List<Integer> cps = new ArrayList<>();
      str(l, 0).codePoints().forEach(cps::add);
      Collections.shuffle(cps, RANDOM);
      StringBuilder sb = new StringBuilder();
      cps.forEach(sb::appendCodePoint);
      return sb.toString();
    }, STRING);
    registerRegex(m);
  }

  private static void registerRegex(Map<String, GoFunction> m) {
    for (boolean must : new boolean[] {false, true}) {
      String p = must ? "mustR" : "r";
      fn(m, p + "egexMatch", l -> {
        if (!must) {
          try {
            return regex(l, 0, false).matcher(str(l, 1)).find();
          } catch (Failure e) {
            return false; // sprig ignores regexp.MatchString's error
          }
        }
        return regex(l, 0, true).matcher(str(l, 1)).find();
      }, STRING, STRING);
      fn(m, p + "egexFindAll", l -> {
        List<Object> found = new ArrayList<>();
        for (int[] match : findAll(regex(l, 0, must), str(l, 1), integer(l, 2))) {
          found.add(str(l, 1).substring(match[0], match[1]));
        }
        return found;
      }, STRING, STRING, INT);
      fn(m, p + "egexFind", l -> {
        Matcher matcher = regex(l, 0, must).matcher(str(l, 1));
        return matcher.find() ? matcher.group() : "";
      }, STRING, STRING);
      fn(m, p + "egexReplaceAll", l -> regex(l, 0, must).matcher(str(l, 1))
          .replaceAll(r -> goExpand(r, str(l, 2))), STRING, STRING, STRING);
      fn(m, p + "egexReplaceAllLiteral", l -> regex(l, 0, must).matcher(str(l, 1))
          .replaceAll(Matcher.quoteReplacement(str(l, 2))), STRING, STRING, STRING);
      fn(m, p + "egexSplit", l -> regexSplit(regex(l, 0, must), str(l, 1), integer(l, 2)), STRING, STRING, INT);
    }
    fn(m, "regexQuoteMeta", l -> quoteMeta(str(l, 0)), STRING);
  }

  /** RE2 syntax as Java reads it; MUST: the error as returned (else as regexp.MustCompile's panic). */
  private static Pattern regex(List<Object> l, int i, boolean must) {
    String re = str(l, i);
    try {
      return Pattern.compile(re.replace("(?P<", "(?<"));
    } catch (PatternSyntaxException e) {
      String parse = "error parsing regexp: " + e.getDescription().toLowerCase(java.util.Locale.ROOT) + ": `" + re + "`";
      throw new Failure(must ? parse : "regexp: Compile(" + GoFormat.quote(re).replace("\"", "`") + "): " + parse);
    }
  }

  /** Go's Regexp.Expand template: $1, ${1}, $name, ${name}, $$. */
  private static String goExpand(java.util.regex.MatchResult r, String template) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        sb.append(c);
        continue;
      }
      char next = template.charAt(i + 1);
      if (next == '$') {
        sb.append('$');
        i++;
        continue;
      }
      String name;
      int end;
      if (next == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          sb.append(c);
          continue;
        }
        name = template.substring(i + 2, close);
        end = close;
      } else {
        int j = i + 1;
        while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
          j++;
        }
        name = template.substring(i + 1, j);
        end = j - 1;
      }
      if (name.isEmpty() || !name.matches("\\w+")) {
        sb.append(c);
        continue;
      }
      i = end;
      if (name.matches("\\d+")) {
        int g = Integer.parseInt(name);
        if (g <= r.groupCount() && r.group(g) != null) {
          sb.append(r.group(g));
        }
      } else {
        try {
          String v = ((Matcher) r).group(name);
          if (v != null) {
            sb.append(v);
          }
        } catch (IllegalArgumentException | ClassCastException e) {
          // an unknown name expands to nothing, as in Go
        }
      }
    }
    return Matcher.quoteReplacement(sb.toString());
  }

  /** Go's FindAllStringIndex: an empty match right after the previous match does not count. */
  private static List<int[]> findAll(Pattern p, String s, long n) {
    List<int[]> matches = new ArrayList<>();
    Matcher matcher = p.matcher(s);
    int prevEnd = -1;
    while ((n < 0 || matches.size() < n) && matcher.find()) {
      if (matcher.start() == matcher.end() && matcher.start() == prevEnd) {
        continue;
      }
      matches.add(new int[] {matcher.start(), matcher.end()});
      prevEnd = matcher.end();
    }
    return matches;
  }

  /** Go's Regexp.Split. */
  private static List<Object> regexSplit(Pattern p, String s, long n) {
    if (n == 0) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    if (!p.pattern().isEmpty() && s.isEmpty()) {
      out.add("");
      return out;
    }
    int beg = 0;
    int end = 0;
    for (int[] match : findAll(p, s, n)) {
      if (n > 0 && out.size() == n - 1) {
        break;
      }
      end = match[0];
      if (match[1] != 0) {
        out.add(s.substring(beg, end));
      }
      beg = match[1];
    }
    if (end != s.length()) {
      out.add(s.substring(beg));
    }
    return out;
  }

  private static String quoteMeta(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static String title(String s) {
    StringBuilder sb = new StringBuilder();
    int prev = ' ';
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(r) : r);
      prev = r;
    }
    return sb.toString();
  }

  private static boolean isSeparator(int r) {
    if (r <= 0x7F) {
      if ('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '_') {
        return false;
      }
      return true;
    }
    if (Character.isLetter(r) || Character.isDigit(r)) {
      return false;
    }
    return GoText.isSpace(r);
  }

  /** goutils.Uncapitalize: the first letter of each whitespace-separated word in lower case. */
  private static String mapWords(String s, boolean upper) {
    StringBuilder sb = new StringBuilder();
    boolean start = true;
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      if (GoText.isSpace(r)) {
        sb.appendCodePoint(r);
        start = true;
      } else if (start) {
        sb.appendCodePoint(upper ? Character.toTitleCase(r) : Character.toLowerCase(r));
        start = false;
      } else {
        sb.appendCodePoint(r);
      }
    }
    return sb.toString();
  }

  private static String swapCase(String s) {
    StringBuilder sb = new StringBuilder();
    boolean whitespace = true;
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      int out = r;
      // unicode.IsUpper and IsLower are the categories Lu and Ll (Java's isUpperCase adds Other_Uppercase: Ⓐ)
      if (Character.getType(r) == Character.UPPERCASE_LETTER || Character.isTitleCase(r)) {
        out = Character.toLowerCase(r);
        whitespace = false;
      } else if (Character.getType(r) == Character.LOWERCASE_LETTER) {
        out = whitespace ? Character.toTitleCase(r) : Character.toUpperCase(r);
        whitespace = false;
      } else {
        whitespace = GoText.isSpace(r);
      }
      sb.appendCodePoint(out);
    }
    return sb.toString();
  }

  private static String substr(int start, int end, String s) {
    byte[] b = GoText.encode(s);
    if (start < 0) {
      return GoText.decode(b, 0, checkBound(end, b.length));
    }
    if (end < 0 || end > b.length) {
      return GoText.decode(b, checkBound(start, b.length), b.length);
    }
    if (start > end) {
      throw new Failure("runtime error: slice bounds out of range [" + start + ":" + end + "]");
    }
    return GoText.decode(b, start, end);
  }

  private static int checkBound(int i, int len) {
    if (i < 0 || i > len) {
      throw new Failure("runtime error: slice bounds out of range [:" + i + "] with length " + len);
    }
    return i;
  }

  private static String repeat(long count, String s) {
    if (count < 0) {
      throw new Failure("strings: negative Repeat count");
    }
    return s.repeat((int) count);
  }

  /** strings.Trim(s, cutset). */
  static String trimSet(String s, String cutset) {
    int start = 0;
    int end = s.length();
    while (start < end && cutset.indexOf(s.codePointAt(start)) >= 0) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && cutset.indexOf(s.codePointBefore(end)) >= 0) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /**
   * goutils.DeleteWhiteSpace: a string without white space comes back as it is; otherwise each
   * UTF-8 byte is taken as a rune, so non-ASCII text comes back as Latin-1 mojibake, as in Go.
   */
  private static String nospace(String s) {
    byte[] bytes = GoText.encode(s);
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      int r = b & 0xff;
      if (!GoText.isSpace(r)) {
        sb.appendCodePoint(r);
      }
    }
    return sb.length() == bytes.length ? s : sb.toString();
  }

  /** goutils.AbbreviateFull. */
  private static String abbreviate(String str, int offset, int maxWidth) {
    if (str.isEmpty()) {
      return "";
    }
    if (str.length() <= maxWidth) {
      return str;
    }
    if (offset > str.length()) {
      offset = str.length();
    }
    if (str.length() - offset < maxWidth - 3) {
      offset = str.length() - (maxWidth - 3);
    }
    if (offset <= 4) {
      return str.substring(0, maxWidth - 3) + "...";
    }
    if (maxWidth < 7) {
      return "";
    }
    if (offset + maxWidth - 3 < str.length()) {
      return "..." + abbreviate(str.substring(offset), 0, maxWidth - 3);
    }
    return "..." + str.substring(str.length() - (maxWidth - 3));
  }

  private static String trunc(long c, String s) {
    byte[] b = GoText.encode(s);
    if (c < 0 && b.length + c > 0) {
      return GoText.decode(b, (int) (b.length + c), b.length);
    }
    if (c >= 0 && b.length > c) {
      return GoText.decode(b, 0, (int) c);
    }
    return s;
  }

  /**
   * goutils.Initials, which walks the UTF-8 bytes and takes each as a rune: the initial of "日本" is
   * "æ" (byte 0xE6), and a byte 0x85 or 0xA0 inside a character counts as a space.
   */
  private static String initials(String s) {
    StringBuilder sb = new StringBuilder();
    boolean last = true;
    for (byte b : GoText.encode(s)) {
      int r = b & 0xff;
      if (GoText.isSpace(r)) {
        last = true;
      } else if (last) {
        sb.appendCodePoint(r);
        last = false;
      }
    }
    return sb.toString();
  }

  /** goutils.WrapCustom. */
  static String wrap(String str, int wrapLength, String newLine, boolean wrapLongWords) {
    if (str.isEmpty()) {
      return "";
    }
    if (newLine.isEmpty()) {
      newLine = "\n";
    }
    if (wrapLength < 1) {
      wrapLength = 1;
    }
    int inputLength = str.length();
    int offset = 0;
    StringBuilder out = new StringBuilder();
    while (inputLength - offset > wrapLength) {
      if (str.charAt(offset) == ' ') {
        offset++;
        continue;
      }
      int end = Math.min(wrapLength + offset + 1, inputLength);
      int spaceToWrapAt = str.substring(offset, end).lastIndexOf(' ') + offset;
      if (spaceToWrapAt >= offset) {
        out.append(str, offset, spaceToWrapAt).append(newLine);
        offset = spaceToWrapAt + 1;
      } else if (wrapLongWords) {
        out.append(str, offset, wrapLength + offset).append(newLine);
        offset += wrapLength;
      } else {
        int e = wrapLength + offset;
        int index = str.indexOf(' ', e);
        if (index == -1) {
          out.append(str, offset, inputLength);
          offset = inputLength;
        } else {
          out.append(str, offset, index).append(newLine);
          offset = index + 1;
        }
      }
    }
    out.append(str.substring(offset));
    return out.toString();
  }

  private static String quoteAll(List<Object> args, boolean doubleQuotes) {
    List<String> out = new ArrayList<>();
    for (Object a : args) {
      if (a != null) {
        out.add(doubleQuotes ? GoFormat.quote(strval(a)) : "'" + strval(a) + "'");
      }
    }
    return String.join(" ", out);
  }

  private static String cat(List<Object> args) {
    List<Object> present = new ArrayList<>();
    for (Object a : args) {
      if (a != null) {
        present.add(a);
      }
    }
    String format = "%v ".repeat(present.size()).trim();
    return GoFormat.sprintf(format, present);
  }

  private static String indent(long spaces, String v) {
    String pad = " ".repeat((int) Math.max(0, spaces));
    return pad + v.replace("\n", "\n" + pad);
  }

  private static String digest(String algorithm, String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(GoText.encode(s)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** strings.Split/SplitN. */
  static List<String> goSplit(String s, String sep, int n) {
    List<String> out = new ArrayList<>();
    if (n == 0) {
      return out;
    }
    if (sep.isEmpty()) {
      s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
      if (n > 0 && out.size() > n) {
        String rest = String.join("", out.subList(n - 1, out.size()));
        List<String> cut = new ArrayList<>(out.subList(0, n - 1));
        cut.add(rest);
        return cut;
      }
      return out;
    }
    int start = 0;
    while (n < 0 || out.size() < n - 1) {
      int i = s.indexOf(sep, start);
      if (i < 0) {
        break;
      }
      out.add(s.substring(start, i));
      start = i + sep.length();
    }
    out.add(s.substring(start));
    return out;
  }

  private static Object split(String sep, String orig, int n) {
    Map<String, Object> res = new LinkedHashMap<>();
    List<String> parts = goSplit(orig, sep, n);
    for (int i = 0; i < parts.size(); i++) {
      res.put("_" + i, parts.get(i));
    }
    return new GoValues.StringMap(castStrings(res));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<String, String> castStrings(Map<String, Object> m) {
    return (Map) m;
  }

  /** sprig's strslice: a list's non-nil elements as strings, or one value as a one-element list. */
  static List<String> strslice(Object v) {
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object e : list) {
        if (e != null) {
          out.add(strval(GoValues.normalize(e)));
        }
      }
      return out;
    }
    if (v == null || v == GoValues.MISSING) {
      return new ArrayList<>();
    }
    return new ArrayList<>(List.of(strval(v)));
  }

  private static List<Object> sortAlpha(Object v) {
    if (v instanceof List) {
      List<String> s = strslice(v);
      s.sort(Builtins::compareGoStrings);
      return new ArrayList<>(s);
    }
    return new ArrayList<>(List.of(strval(v)));
  }

  private static String b64dec(String s) {
    try {
      return GoText.decode(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      return base64Error(s);
    }
  }

  /** encoding/base64's CorruptInputError text for S (the first byte that is not base64). */
  static String base64Error(String s) {
    int i = 0;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '+' || s.charAt(i) == '/')) {
      i++;
    }
    return "illegal base64 data at input byte " + i;
  }

  private static String random(long count, String alphabet) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
