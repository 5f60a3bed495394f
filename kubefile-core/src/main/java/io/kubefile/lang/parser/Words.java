package io.kubefile.lang.parser;

import io.kubefile.lang.go.GoText;
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
    PendingWord word = new PendingWord();
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
        word.flushTo(words);
        break;
      }
      if (phase == inWord) {
        if (GoText.isSpace(ch)) {
          phase = inSpaces;
          word.flushTo(words);
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          word.markQuoted();
          phase = inQuote;
        }
        if (ch == escapeToken) {
          if (pos + width == len) {
            continue; // an escape token at the very end is dropped
          }
          word.append(ch);
          pos += width;
          ch = rest.codePointAt(pos);
          width = Character.charCount(ch);
        }
        word.append(GoText.goRune(ch));
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
        word.append(ch);
        ch = rest.codePointAt(pos);
        width = Character.charCount(ch);
      }
      word.append(GoText.goRune(ch));
    }
    return words;
  }
}
