package io.kubefile.lang.parser;

/**
 * Former home of the Go text helpers, now {@link io.kubefile.lang.go.GoText}. Kept only as a delegate
 * for code outside the language packages that still imports it ({@code io.kubefile.build.GoFormat},
 * {@code io.kubefile.cli.DebugParseCommand}); new code should import the new class.
 *
 * @deprecated use {@link io.kubefile.lang.go.GoText}
 */
@Deprecated
public final class GoText {
  private GoText() {}

  public static String decode(byte[] bytes) {
    return io.kubefile.lang.go.GoText.decode(bytes);
  }

  public static String decode(byte[] b, int from, int to) {
    return io.kubefile.lang.go.GoText.decode(b, from, to);
  }

  public static byte[] encode(String s) {
    return io.kubefile.lang.go.GoText.encode(s);
  }

  public static boolean isEscapedByte(int cp) {
    return io.kubefile.lang.go.GoText.isEscapedByte(cp);
  }

  public static boolean isSpace(int cp) {
    return io.kubefile.lang.go.GoText.isSpace(cp);
  }

  public static String trimSpace(String s) {
    return io.kubefile.lang.go.GoText.trimSpace(s);
  }

  public static String trimLeftSpace(String s) {
    return io.kubefile.lang.go.GoText.trimLeftSpace(s);
  }

  public static String toLower(String s) {
    return io.kubefile.lang.go.GoText.toLower(s);
  }

  public static String toUpper(String s) {
    return io.kubefile.lang.go.GoText.toUpper(s);
  }

  public static String quote(String s) {
    return io.kubefile.lang.go.GoText.quote(s);
  }

  public static boolean isPrint(int cp) {
    return io.kubefile.lang.go.GoText.isPrint(cp);
  }
}
