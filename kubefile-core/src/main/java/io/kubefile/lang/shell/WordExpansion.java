package io.kubefile.lang.shell;

import io.kubefile.lang.go.ShellNames;
import io.kubefile.lang.go.WordSplitter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run of the lexer over one word (buildkit's {@code shellWord}). Holds the scanner position, the
 * variables looked up so far, and whether escapes are currently kept raw; {@link ShellLexer} itself
 * stays immutable.
 */
final class WordExpansion {
  /**
   * Go's goroutine stacks grow without limit; Java's do not. Nesting such as {@code ${a:-${a:-...}}}
   * deeper than this is refused with an error instead of overflowing the stack.
   */
  private static final int MAX_NESTING = 500;

  /** A failure inside the word; turned into a {@link ShellExpansionException} for the whole word. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String reason) {
      super(reason, null, false, false);
    }
  }

  private final ShellLexer lexer;
  private final String source;
  private final Env env;
  private final RuneScanner scanner;
  private final Set<String> matched = new LinkedHashSet<>();
  private final Set<String> unmatched = new LinkedHashSet<>();
  private boolean rawEscapes;
  private int nesting;

  WordExpansion(ShellLexer lexer, String source, Env env) {
    this.lexer = lexer;
    this.source = source;
    this.env = env;
    this.scanner = new RuneScanner(source);
    this.rawEscapes = lexer.rawEscapes();
  }

  ExpansionResult run() {
    try {
      Processed processed = processStopOn(RuneScanner.EOF, rawEscapes);
      return new ExpansionResult(processed.text, processed.words, matched, unmatched);
    } catch (Failure f) {
      throw new ShellExpansionException(source, f.getMessage());
    }
  }

  private record Processed(String text, List<String> words) {}

  /** Processes text up to {@code stopChar} (consumed) or, for {@code EOF}, to the end of the word. */
  private Processed processStopOn(int stopChar, boolean rawEscapesHere) throws Failure {
    if (++nesting > MAX_NESTING) {
      throw new Failure("syntax error: substitutions nested too deeply");
    }
    boolean saved = rawEscapes;
    rawEscapes = rawEscapesHere;
    try {
      return scanUntil(stopChar);
    } finally {
      rawEscapes = saved;
      nesting--;
    }
  }

  private Processed scanUntil(int stopChar) throws Failure {
    StringBuilder result = new StringBuilder();
    // Each level gets its own splitter. Recent buildkit shares one buffer between levels and resets it
    // on entry, so ProcessWords("pre${X:-mid}post") loses "pre"; that is an accident, not a rule, and
    // no buildkit test relies on it.
    WordSplitter words = new WordSplitter();
    int escapeToken = lexer.escapeTokenRune();
    boolean quotesAreSpecial = !lexer.skipProcessQuotes();

    while (scanner.peek() != RuneScanner.EOF) {
      int ch = scanner.peek();
      if (stopChar != RuneScanner.EOF && ch == stopChar) {
        scanner.next();
        return new Processed(result.toString(), words.finish());
      }
      if (ch == '$') {
        String expanded = processDollar();
        result.append(expanded);
        words.addString(expanded); // unquoted expansion output is subject to word splitting
      } else if (quotesAreSpecial && (ch == '\'' || ch == '"')) {
        String quoted = ch == '\'' ? processSingleQuote() : processDoubleQuote();
        result.append(quoted);
        words.addRawString(quoted);
      } else {
        ch = scanner.next();
        if (ch == escapeToken) {
          if (rawEscapes) {
            words.addRawChar(ch);
            result.appendCodePoint(ch);
          }
          ch = scanner.next();
          if (ch == RuneScanner.EOF) {
            break; // a lone escape at the end is dropped
          }
          words.addRawChar(ch);
        } else {
          words.addChar(ch);
        }
        result.appendCodePoint(ch);
      }
    }
    if (stopChar != RuneScanner.EOF) {
      throw new Failure("unexpected end of statement while looking for matching " + RuneScanner.runeToString(stopChar));
    }
    return new Processed(result.toString(), words.finish());
  }

  /** Everything up to the next {@code '} is literal; there is no way to escape {@code '} inside. */
  private String processSingleQuote() throws Failure {
    StringBuilder result = new StringBuilder();
    int ch = scanner.next();
    if (lexer.rawQuotes()) {
      result.appendCodePoint(ch);
    }
    while (true) {
      ch = scanner.next();
      if (ch == RuneScanner.EOF) {
        throw new Failure("unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        if (lexer.rawQuotes()) {
          result.appendCodePoint(ch);
        }
        return result.toString();
      }
      result.appendCodePoint(ch);
    }
  }

  /** {@code $} expands inside double quotes; the escape token escapes only {@code "}, {@code $} and itself. */
  private String processDoubleQuote() throws Failure {
    StringBuilder result = new StringBuilder();
    int escapeToken = lexer.escapeTokenRune();
    int ch = scanner.next();
    if (lexer.rawQuotes()) {
      result.appendCodePoint(ch);
    }
    while (true) {
      int peeked = scanner.peek();
      if (peeked == RuneScanner.EOF) {
        throw new Failure("unexpected end of statement while looking for matching double-quote");
      }
      if (peeked == '"') {
        ch = scanner.next();
        if (lexer.rawQuotes()) {
          result.appendCodePoint(ch);
        }
        return result.toString();
      }
      if (peeked == '$') {
        result.append(processDollar());
        continue;
      }
      ch = scanner.next();
      if (ch == escapeToken) {
        if (rawEscapes) {
          result.appendCodePoint(ch);
        }
        int after = scanner.peek();
        if (after == RuneScanner.EOF) {
          continue; // the unterminated-quote error follows
        }
        if (after == '"' || after == '$' || after == escapeToken) {
          ch = scanner.next();
        }
      }
      result.appendCodePoint(ch);
    }
  }

  private String processDollar() throws Failure {
    scanner.next();
    if (scanner.peek() != '{') {
      return processBareName();
    }
    scanner.next();
    int first = scanner.peek();
    if (first == RuneScanner.EOF) {
      throw new Failure("syntax error: missing '}'");
    }
    if (first == '{' || first == '}' || first == ':') {
      throw new Failure("syntax error: bad substitution");
    }
    String name = ShellNames.scan(scanner::peek, scanner::next);
    int ch = scanner.next();
    String modifier = RuneScanner.runeToString(ch);
    boolean nullIsUnset = false;

    switch (ch) {
      case '}':
        return plainReference(name);
      case ':':
        nullIsUnset = true;
        ch = scanner.next();
        modifier += RuneScanner.runeToString(ch);
        return processModifier(name, ch, modifier, nullIsUnset);
      case '+', '-', '?', '#', '%':
        return processModifier(name, ch, modifier, nullIsUnset);
      case '/':
        return processReplacement(name);
      default:
        throw new Failure("unsupported modifier (" + modifier + ") in substitution");
    }
  }

  /** {@code $name}: a lone {@code $} (followed by no name) is literal. */
  private String processBareName() {
    String name = ShellNames.scan(scanner::peek, scanner::next);
    if (name.isEmpty()) {
      return "$";
    }
    Optional<String> value = lookup(name);
    if (value.isEmpty() && lexer.skipUnsetEnv()) {
      return "$" + name;
    }
    return value.orElse("");
  }

  private String plainReference(String name) {
    Optional<String> value = lookup(name);
    if (value.isEmpty() && lexer.skipUnsetEnv()) {
      return "${" + name + "}";
    }
    return value.orElse("");
  }

  /** {@code ${name<op>word}} for the operators {@code - + ? # %}, each optionally after {@code :}. */
  private String processModifier(String name, int op, String modifier, boolean nullIsUnset) throws Failure {
    boolean isPatternOp = op == '#' || op == '%';
    if (nullIsUnset && isPatternOp) {
      throw new Failure("unsupported modifier (" + modifier + ") in substitution");
    }
    // Pattern words keep their escapes so that the glob converter sees "\*" and friends.
    String word = processUntilClosingBrace(isPatternOp);

    Optional<String> lookedUp = lookup(name);
    if (lexer.skipUnsetEnv() && lookedUp.isEmpty()) {
      return "${" + name + modifier + word + "}";
    }
    boolean set = lookedUp.isPresent();
    String value = lookedUp.orElse("");
    boolean treatAsUnset = !set || (nullIsUnset && value.isEmpty());

    switch (op) {
      case '-':
        return treatAsUnset ? word : value;
      case '+':
        return treatAsUnset ? "" : word;
      case '?':
        if (!set) {
          throw new Failure(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
        }
        if (nullIsUnset && value.isEmpty()) {
          throw new Failure(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
        }
        return value;
      case '#', '%':
        // A doubled operator ("##", "%%") asks for the longest match instead of the shortest.
        boolean greedy = !word.isEmpty() && word.charAt(0) == op;
        String glob = greedy ? word.substring(1) : word;
        try {
          return op == '%'
              ? ShellPattern.trimSuffix(glob, value, greedy)
              : ShellPattern.trimPrefix(glob, value, greedy);
        } catch (ShellPattern.InvalidPatternException e) {
          throw new Failure("invalid pattern (" + glob + ") in substitution: " + e.getMessage());
        }
      default:
        throw new Failure("unsupported modifier (" + modifier + ") in substitution");
    }
  }

  /** {@code ${name/glob/replacement}} and {@code ${name//glob/replacement}}. */
  private String processReplacement(String name) throws Failure {
    boolean replaceAll = scanner.peek() == '/';
    if (replaceAll) {
      scanner.next();
    }
    String glob;
    try {
      glob = processStopOn('/', true).text;
    } catch (Failure f) {
      if (scanner.peek() == RuneScanner.EOF) {
        throw new Failure("syntax error: missing '/' in ${}");
      }
      throw f;
    }
    String replacement = processUntilClosingBrace(true);

    Optional<String> lookedUp = lookup(name);
    if (lexer.skipUnsetEnv() && lookedUp.isEmpty()) {
      return "${" + name + "/" + glob + "/" + replacement + "}";
    }
    String value = lookedUp.orElse("");
    try {
      return replaceAll
          ? ShellPattern.replaceAll(glob, value, replacement)
          : ShellPattern.replaceFirst(glob, value, replacement);
    } catch (ShellPattern.InvalidPatternException e) {
      throw new Failure("invalid pattern (" + glob + ") in substitution: " + e.getMessage());
    }
  }

  private String processUntilClosingBrace(boolean rawEscapesHere) throws Failure {
    try {
      return processStopOn('}', rawEscapesHere).text;
    } catch (Failure f) {
      // Running off the end is reported as the missing brace, whatever the inner problem was.
      if (scanner.peek() == RuneScanner.EOF) {
        throw new Failure("syntax error: missing '}'");
      }
      throw f;
    }
  }

  private Optional<String> lookup(String name) {
    Optional<String> value = env.lookup(name);
    if (value == null) {
      value = Optional.empty(); // a careless Env implementation must not break expansion
    }
    (value.isPresent() ? matched : unmatched).add(name);
    return value;
  }
}
