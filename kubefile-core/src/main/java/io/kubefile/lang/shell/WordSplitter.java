package io.kubefile.lang.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the words of an expansion (buildkit's {@code wordsStruct}). Unquoted text and the output of
 * unquoted {@code $} expansions are split on whitespace; quoted text and escaped characters are added
 * "raw" and never split.
 */
final class WordSplitter {
  private final StringBuilder word = new StringBuilder();
  private final List<String> words = new ArrayList<>();
  private boolean inWord;

  void addChar(int cp) {
    if (GoText.isSpace(cp) && inWord) {
      if (word.length() != 0) {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
    } else if (!GoText.isSpace(cp)) {
      addRawChar(cp);
    }
  }

  void addRawChar(int cp) {
    word.appendCodePoint(cp);
    inWord = true;
  }

  void addString(String text) {
    text.codePoints().forEach(this::addChar);
  }

  /** Adds quoted text. An empty quoted string starts a word but, alone, never produces one. */
  void addRawString(String text) {
    word.append(text);
    inWord = true;
  }

  List<String> finish() {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
      inWord = false;
    }
    return words;
  }
}
