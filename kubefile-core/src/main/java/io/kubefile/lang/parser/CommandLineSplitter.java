package io.kubefile.lang.parser;

import io.kubefile.lang.go.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * buildkit's {@code splitCommand} and {@code extractBuilderFlags}: keyword, {@code --flags} and
 * the remaining argument text of one logical line.
 *
 * <p>The flag scanner works on bytes like the Go code: each byte is one character (non-ASCII
 * bytes read as U+0080..U+00FF, of which U+0085 and U+00A0 count as whitespace).
 */
final class CommandLineSplitter {
  /** The parts of one logical line. */
  record Split(String keyword, List<String> flags, String args) {}

  private CommandLineSplitter() {}

  static Split split(String line) {
    String trimmed = GoText.trimSpace(line);
    List<String> parts = BlankSplitter.splitOnBlanks(trimmed, 2);
    String keyword = parts.get(0);
    if (parts.size() < 2) {
      return new Split(keyword, List.of(), "");
    }
    List<String> flags = new ArrayList<>();
    String args = extractFlags(parts.get(1), flags);
    return new Split(keyword, flags, GoText.trimSpace(args));
  }

  /** Collects the leading {@code --} words into {@code words}; returns the rest of the line. */
  static String extractFlags(String rest, List<String> words) {
    final int inSpaces = 0;
    final int inWord = 1;
    final int inQuote = 2;
    byte[] line = GoText.encode(rest);
    int len = line.length;
    int phase = inSpaces;
    PendingWord word = new PendingWord();
    int quote = 0;
    int ch = 0;
    for (int pos = 0; pos <= len; pos++) {
      if (pos != len) {
        ch = line[pos] & 0xFF;
      }
      if (phase == inSpaces) {
        if (pos == len) {
          break;
        }
        if (GoText.isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == len || line[pos + 1] != '-') {
          return GoText.decode(line, pos, len);
        }
        phase = inWord;
      }
      if ((phase == inWord || phase == inQuote) && pos == len) {
        if (!word.is("--")) {
          word.flushTo(words);
        }
        break;
      }
      if (phase == inWord) {
        if (GoText.isSpace(ch)) {
          phase = inSpaces;
          if (word.is("--")) {
            return GoText.decode(line, pos, len);
          }
          word.flushTo(words);
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          word.markQuoted();
          phase = inQuote;
          continue;
        }
        if (ch == '\\') {
          if (pos + 1 == len) {
            continue;
          }
          pos++;
          ch = line[pos] & 0xFF;
        }
        word.append(ch);
        continue;
      }
      // inQuote
      if (ch == quote) {
        phase = inWord;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == len) {
          phase = inWord;
          continue;
        }
        pos++;
        ch = line[pos] & 0xFF;
      }
      word.append(ch);
    }
    return "";
  }
}
