package io.kubefile.lang.go;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the words of a lexed string (buildkit's {@code wordsStruct}). Unquoted text and the output of
 * unquoted {@code $} expansions are split on whitespace ({@link GoText#isSpace}); quoted text and escaped
 * characters are added "raw" and never split.
 *
 * <p>The shell lexer uses it as buildkit's does. The parser's heredoc detection uses
 * {@link #keepingSpaceAfterHeredocMarker()}, where whitespace right after {@code <<} does not end the
 * word, so {@code <<  EOF} stays one word, as in buildkit's parser.
 */
public final class WordSplitter {
  private final boolean keepSpaceAfterHeredocMarker;
  private final StringBuilder word = new StringBuilder();
  private final List<String> words = new ArrayList<>();
  private boolean inWord;

  /** Plain {@code wordsStruct}, as the shell lexer uses it. */
  public WordSplitter() {
    this(false);
  }

  private WordSplitter(boolean keepSpaceAfterHeredocMarker) {
    this.keepSpaceAfterHeredocMarker = keepSpaceAfterHeredocMarker;
  }

  /** For heredoc detection: whitespace after a word that ends in {@code <<} (and blanks) is kept in it. */
  public static WordSplitter keepingSpaceAfterHeredocMarker() {
    return new WordSplitter(true);
  }

  public void addChar(int cp) {
    if (GoText.isSpace(cp) && inWord) {
      if (keepSpaceAfterHeredocMarker && endsWithHeredocMarker()) {
        word.appendCodePoint(cp);
      } else if (word.length() != 0) {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
    } else if (!GoText.isSpace(cp)) {
      addRawChar(cp);
    }
  }

  private boolean endsWithHeredocMarker() {
    int end = word.length();
    while (end > 0 && GoText.isSpace(word.charAt(end - 1))) {
      end--;
    }
    return end >= 2 && word.charAt(end - 1) == '<' && word.charAt(end - 2) == '<';
  }

  public void addRawChar(int cp) {
    word.appendCodePoint(cp);
    inWord = true;
  }

  public void addString(String text) {
    text.codePoints().forEach(this::addChar);
  }

  /** Adds quoted text. An empty quoted string starts a word but, alone, never produces one. */
  public void addRawString(String text) {
    word.append(text);
    inWord = true;
  }

  public List<String> finish() {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
      inWord = false;
    }
    return words;
  }
}
