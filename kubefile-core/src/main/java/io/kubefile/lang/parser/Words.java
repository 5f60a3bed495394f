package io.kubefile.lang.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * buildkit's {@code parseWords} (ENV, LABEL, ARG): splits on Unicode whitespace outside quotes,
 * keeping quotes and escape tokens in the words. Quote removal happens later, at expansion.
 */
public final class Words {
  private Words() {}

  public static List<String> parseWords(String rest, int escapeToken) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    List<String> words = new ArrayList<>();
    int phase = inSpaces;
    int quote = 0;
    boolean blankOk = false;
    StringBuilder word = new StringBuilder();
    int len = rest.length();
    int ch = 0;
    int width = 0;
    for (int pos = 0; pos <= len; pos += width) {
      if (pos != len) {
        ch = rest.codePointAt(pos);
        width = Character.charCount(ch);
      }
      if (phase == inSpaces) {
        if (pos == len) {
          break;
        }
        if (GoText.isSpace(ch)) {
          continue;
        }
        phase = inWord;
      }
      if ((phase == inWord || phase == inQuote) && pos == len) {
        if (blankOk || word.length() > 0) {
          words.add(word.toString());
        }
        break;
      }
      if (phase == inWord) {
        if (GoText.isSpace(ch)) {
          phase = inSpaces;
          if (blankOk || word.length() > 0) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = inQuote;
        }
        if (ch == escapeToken) {
          if (pos + width == len) {
            continue; // an escape token at the very end is dropped
          }
          word.appendCodePoint(ch);
          pos += width;
          ch = rest.codePointAt(pos);
          width = Character.charCount(ch);
        }
        word.appendCodePoint(GoText.goRune(ch));
        continue;
      }
      // inQuote
      if (ch == quote) {
        phase = inWord;
      }
      if (ch == escapeToken && quote != '\'') {
        if (pos + width == len) {
          phase = inWord;
          continue;
        }
        pos += width;
        word.appendCodePoint(ch);
        ch = rest.codePointAt(pos);
        width = Character.charCount(ch);
      }
      word.appendCodePoint(GoText.goRune(ch));
    }
    return words;
  }
}
