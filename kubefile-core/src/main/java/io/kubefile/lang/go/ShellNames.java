package io.kubefile.lang.go;

import java.util.function.IntSupplier;

/**
 * buildkit's {@code processName}: the variable name after {@code $} or <code>${</code>, read the same way
 * by the shell lexer and by the parser's heredoc detection.
 */
public final class ShellNames {
  /** What {@code peek} and {@code next} return at the end of the text. */
  public static final int EOF = -1;

  private ShellNames() {}

  /**
   * Reads a variable name: letters, digits and {@code _}; or, when it starts with a digit, all following
   * digits (a positional parameter); or a single special parameter character. Stops before the first
   * code point that is not part of it; "" when there is none.
   *
   * @param peek the next code point without consuming it, or {@link #EOF}
   * @param next consumes and returns the next code point, or {@link #EOF}
   */
  public static String scan(IntSupplier peek, IntSupplier next) {
    StringBuilder name = new StringBuilder();
    while (peek.getAsInt() != EOF) {
      int ch = peek.getAsInt();
      if (name.length() == 0 && GoText.isDigit(ch)) {
        while (peek.getAsInt() != EOF && GoText.isDigit(peek.getAsInt())) {
          name.appendCodePoint(next.getAsInt());
        }
        return name.toString();
      }
      if (name.length() == 0 && isSpecialParameter(ch)) {
        return name.appendCodePoint(next.getAsInt()).toString();
      }
      if (!GoText.isLetter(ch) && !GoText.isDigit(ch) && ch != '_') {
        break;
      }
      name.appendCodePoint(next.getAsInt());
    }
    return name.toString();
  }

  /** POSIX special parameters; a Dockerfile never sets them, so they always expand to "". */
  private static boolean isSpecialParameter(int ch) {
    return switch (ch) {
      case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
      default -> false;
    };
  }
}
