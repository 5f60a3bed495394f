package io.kubefile.lang.shell;

/**
 * Reads a word one code point at a time, like the subset of Go's {@code text/scanner} that buildkit
 * uses ({@code Peek} and {@code Next}). Like Go's scanner, a byte order mark at the very start is
 * skipped.
 */
final class RuneScanner {
  /** What {@link #peek()} and {@link #next()} return at the end, like Go's {@code scanner.EOF}. */
  static final int EOF = -1;

  private final int[] runes;
  private int pos;

  RuneScanner(String text) {
    this.runes = text.codePoints().toArray();
    this.pos = runes.length > 0 && runes[0] == 0xFEFF ? 1 : 0;
  }

  int peek() {
    return pos < runes.length ? runes[pos] : EOF;
  }

  int next() {
    return pos < runes.length ? runes[pos++] : EOF;
  }

  /** Go's {@code string(rune)}: EOF (and any invalid rune) becomes U+FFFD. */
  static String runeToString(int rune) {
    return rune < 0 ? "\uFFFD" : new String(Character.toChars(rune));
  }
}
