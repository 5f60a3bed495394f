package io.kubefile.lang.parser;

import java.util.List;

/**
 * The word being built by buildkit's hand-written splitters ({@code parseWords} and
 * {@code extractBuilderFlags}): it is kept when it has text or when a quote was opened in it, so
 * {@code ""} is an (empty) word but a run of whitespace is not.
 */
final class PendingWord {
  private final StringBuilder text = new StringBuilder();
  private boolean quoted;

  void append(int cp) {
    text.appendCodePoint(cp);
  }

  /** A quote was opened: the word counts even if it ends up empty. */
  void markQuoted() {
    quoted = true;
  }

  boolean is(String s) {
    return text.toString().equals(s);
  }

  /** Adds the word to {@code words} if it counts, then starts a new one. */
  void flushTo(List<String> words) {
    if (quoted || text.length() > 0) {
      words.add(text.toString());
    }
    text.setLength(0);
    quoted = false;
  }
}
