package io.kubefile.lang.parser;

import io.kubefile.lang.go.GoText;
import io.kubefile.lang.go.ShellNames;
import io.kubefile.lang.go.WordSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the heredocs a logical line opens: buildkit's {@code heredocsFromLine} and
 * {@code ParseHeredoc}.
 *
 * <p>buildkit runs its shell lexer here with an empty environment and "skip unset variables", so
 * no variable is ever expanded: the lexer only decides word boundaries and which parts of a
 * terminator are quoted. That restricted mode is reproduced by {@link WordLexer} below, so the
 * parser does not depend on the expansion engine (which the builder runs later, with a real
 * environment).
 */
final class HeredocDetector {
  // Go's \s is [\t\n\f\r ] (no \v).
  private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)\\z", Pattern.DOTALL);

  private HeredocDetector() {}

  /** The heredocs a full instruction line opens, in order (bodies still empty). */
  static List<Heredoc> heredocsFromLine(String line) throws SyntaxError {
    List<String> words;
    try {
      words = new WordLexer(line, true, true).words();
    } catch (SyntaxError e) {
      return List.of(); // buildkit ignores lexing errors here: such a line has no heredocs
    }
    List<Heredoc> docs = new ArrayList<>();
    for (String word : words) {
      Heredoc heredoc = parseHeredoc(word);
      if (heredoc != null) {
        docs.add(heredoc);
      }
    }
    return docs;
  }

  /** buildkit's {@code ParseHeredoc}: null when the word is not a heredoc marker. */
  static Heredoc parseHeredoc(String word) throws SyntaxError {
    Matcher m = HEREDOC.matcher(word);
    if (!m.matches()) {
      return null;
    }
    long fd = parseFileDescriptor(m.group(1));
    boolean chomp = m.group(2).equals("-");
    String rest = m.group(3);
    if (rest.isEmpty()) {
      return null;
    }
    // Lex the terminator with and without quote removal: if the counts of quote characters
    // differ, some part of it was quoted, and the body must not be expanded.
    List<String> words = new WordLexer(rest, false, false).words();
    if (words.size() != 1) {
      return null;
    }
    List<String> rawWords = new WordLexer(rest, true, false).words();
    if (rawWords.size() != words.size()) {
      throw new SyntaxError("internal lexing of heredoc produced inconsistent results: " + rest);
    }
    String name = words.get(0);
    boolean expand = countQuotes(name) == countQuotes(rawWords.get(0));
    return new Heredoc(name, fd, expand, chomp, "");
  }

  /** Go {@code strconv.ParseUint(s, 10, 0)} ignoring the error: "" is 0, overflow is the max. */
  private static long parseFileDescriptor(String digits) {
    if (digits.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseUnsignedLong(digits);
    } catch (NumberFormatException overflow) {
      return -1L; // 2^64-1 as an unsigned value
    }
  }

  private static int countQuotes(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\'' || s.charAt(i) == '"') {
        n++;
      }
    }
    return n;
  }

  /**
   * buildkit's shell lexer ({@code shell.Lex} with escape {@code \}, SkipUnsetEnv and an empty
   * environment), reduced to word splitting: every variable reference is kept literally.
   */
  static final class WordLexer {
    private static final int EOF = -1;
    private final int[] runes;
    private final boolean rawQuotes;
    private boolean rawEscapes;
    private int pos;

    WordLexer(String text, boolean rawQuotes, boolean rawEscapes) {
      // The Go scanner reads invalid UTF-8 as U+FFFD.
      this.runes = text.codePoints().map(GoText::goRune).toArray();
      this.rawQuotes = rawQuotes;
      this.rawEscapes = rawEscapes;
    }

    List<String> words() throws SyntaxError {
      return processStopOn(EOF, rawEscapes).words;
    }

    private int peek() {
      return pos < runes.length ? runes[pos] : EOF;
    }

    private int next() {
      return pos < runes.length ? runes[pos++] : EOF;
    }

    private record Processed(String result, List<String> words) {}

    private Processed processStopOn(int stopChar, boolean raw) throws SyntaxError {
      boolean saved = rawEscapes;
      rawEscapes = raw;
      try {
        StringBuilder result = new StringBuilder();
        WordSplitter words = WordSplitter.keepingSpaceAfterHeredocMarker();
        while (peek() != EOF) {
          int ch = peek();
          if (stopChar != EOF && ch == stopChar) {
            next();
            return new Processed(result.toString(), words.finish());
          }
          if (ch == '$' || ch == '\'' || ch == '"') {
            String tmp = ch == '$' ? processDollar() : ch == '\'' ? processSingleQuote() : processDoubleQuote();
            result.append(tmp);
            if (ch == '$') {
              words.addString(tmp);
            } else {
              words.addRawString(tmp);
            }
            continue;
          }
          ch = next();
          if (ch == '\\') {
            if (rawEscapes) {
              words.addRawChar(ch);
              result.appendCodePoint(ch);
            }
            ch = next();
            if (ch == EOF) {
              break;
            }
            words.addRawChar(ch);
          } else {
            words.addChar(ch);
          }
          result.appendCodePoint(ch);
        }
        if (stopChar != EOF) {
          throw new SyntaxError(
              "unexpected end of statement while looking for matching " + new String(Character.toChars(stopChar)));
        }
        return new Processed(result.toString(), words.finish());
      } finally {
        rawEscapes = saved;
      }
    }

    private String processSingleQuote() throws SyntaxError {
      StringBuilder result = new StringBuilder();
      int ch = next();
      if (rawQuotes) {
        result.appendCodePoint(ch);
      }
      while (true) {
        ch = next();
        if (ch == EOF) {
          throw new SyntaxError("unexpected end of statement while looking for matching single-quote");
        }
        if (ch == '\'') {
          if (rawQuotes) {
            result.appendCodePoint(ch);
          }
          return result.toString();
        }
        result.appendCodePoint(ch);
      }
    }

    private String processDoubleQuote() throws SyntaxError {
      StringBuilder result = new StringBuilder();
      int ch = next();
      if (rawQuotes) {
        result.appendCodePoint(ch);
      }
      while (true) {
        int p = peek();
        if (p == EOF) {
          throw new SyntaxError("unexpected end of statement while looking for matching double-quote");
        }
        if (p == '"') {
          ch = next();
          if (rawQuotes) {
            result.appendCodePoint(ch);
          }
          return result.toString();
        }
        if (p == '$') {
          result.append(processDollar());
          continue;
        }
        ch = next();
        if (ch == '\\') {
          if (rawEscapes) {
            result.appendCodePoint(ch);
          }
          int after = peek();
          if (after == EOF) {
            continue;
          }
          if (after == '"' || after == '$' || after == '\\') {
            ch = next();
          }
        }
        result.appendCodePoint(ch);
      }
    }

    /** With no variable set and SkipUnsetEnv, every reference comes back as written. */
    private String processDollar() throws SyntaxError {
      next();
      if (peek() != '{') {
        String name = ShellNames.scan(this::peek, this::next);
        return name.isEmpty() ? "$" : "$" + name;
      }
      next();
      int p = peek();
      if (p == EOF) {
        throw new SyntaxError("syntax error: missing '}'");
      }
      if (p == '{' || p == '}' || p == ':') {
        throw new SyntaxError("syntax error: bad substitution");
      }
      String name = ShellNames.scan(this::peek, this::next);
      int ch = next();
      StringBuilder chs = new StringBuilder();
      if (ch != EOF) {
        chs.appendCodePoint(ch);
      }
      switch (ch) {
        case '}':
          return "${" + name + "}";
        case ':':
          ch = next();
          if (ch != EOF) {
            chs.appendCodePoint(ch);
          }
          return modifierWord(name, chs.toString(), ch);
        case '+', '-', '?', '#', '%':
          return modifierWord(name, chs.toString(), ch);
        case '/':
          if (peek() == '/') {
            next();
          }
          String pattern = stopOn('/', "syntax error: missing '/' in ${}");
          String replacement = stopOn('}', "syntax error: missing '}'");
          return "${" + name + "/" + pattern + "/" + replacement + "}";
        default:
          throw new SyntaxError("unsupported modifier (" + chs + ") in substitution");
      }
    }

    private String modifierWord(String name, String chs, int modifier) throws SyntaxError {
      boolean raw = modifier == '#' || modifier == '%';
      String word;
      try {
        word = processStopOn('}', raw).result;
      } catch (SyntaxError e) {
        if (peek() == EOF) {
          throw new SyntaxError("syntax error: missing '}'");
        }
        throw e;
      }
      return "${" + name + chs + word + "}";
    }

    private String stopOn(int stop, String missing) throws SyntaxError {
      try {
        return processStopOn(stop, true).result;
      } catch (SyntaxError e) {
        if (peek() == EOF) {
          throw new SyntaxError(missing);
        }
        throw e;
      }
    }
  }
}
