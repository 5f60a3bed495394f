package io.kubefile.lang.shell;

import java.util.List;

/**
 * Expands variables and removes quotes in one Dockerfile word, exactly like buildkit's shell lexer
 * ({@code frontend/dockerfile/shell/lex.go}, type {@code Lex}). No Java library reproduces that lexer,
 * so this is a port: same grammar, same quirks, same error wording.
 *
 * <p>Supported: single and double quotes, the escape token, {@code $name}, {@code ${name}}, positional
 * ({@code $1}) and special ({@code $@ $* $# $? $- $$ $! $0}) parameters, which are never set, and the
 * modifiers {@code :- - :+ + :? ? # ## % %% / //}. Everything else is an error.
 *
 * <p>Instances are immutable and thread-safe; the {@code with...} methods return adjusted copies.
 */
public final class ShellLexer {
  private final int escapeToken;
  private final boolean rawQuotes;
  private final boolean rawEscapes;
  private final boolean skipProcessQuotes;
  private final boolean skipUnsetEnv;

  /** A lexer with the given escape token ({@code \} or {@code `}) and every option off. */
  public ShellLexer(char escapeToken) {
    this(checkEscape(escapeToken), false, false, false, false);
  }

  private ShellLexer(int escapeToken, boolean rawQuotes, boolean rawEscapes, boolean skipProcessQuotes,
      boolean skipUnsetEnv) {
    this.escapeToken = escapeToken;
    this.rawQuotes = rawQuotes;
    this.rawEscapes = rawEscapes;
    this.skipProcessQuotes = skipProcessQuotes;
    this.skipUnsetEnv = skipUnsetEnv;
  }

  /** The lexer Dockerfiles use unless an {@code # escape=} directive says otherwise. */
  public static ShellLexer withDefaultEscape() {
    return new ShellLexer('\\');
  }

  private static int checkEscape(char token) {
    if (token != '\\' && token != '`') {
      throw new IllegalArgumentException("escape token must be '\\' or '`', got '" + token + "'");
    }
    return token;
  }

  /** Keep quote characters in the output (buildkit {@code RawQuotes}); they still group text. */
  public ShellLexer withRawQuotes(boolean on) {
    return new ShellLexer(escapeToken, on, rawEscapes, skipProcessQuotes, skipUnsetEnv);
  }

  /** Keep escape tokens in the output (buildkit {@code RawEscapes}); they still protect the next character. */
  public ShellLexer withRawEscapes(boolean on) {
    return new ShellLexer(escapeToken, rawQuotes, on, skipProcessQuotes, skipUnsetEnv);
  }

  /** Treat quotes as ordinary characters (buildkit {@code SkipProcessQuotes}). */
  public ShellLexer withSkipProcessQuotes(boolean on) {
    return new ShellLexer(escapeToken, rawQuotes, rawEscapes, on, skipUnsetEnv);
  }

  /** Leave references to unset variables as written, e.g. {@code ${X:-y}} (buildkit {@code SkipUnsetEnv}). */
  public ShellLexer withSkipUnsetEnv(boolean on) {
    return new ShellLexer(escapeToken, rawQuotes, rawEscapes, skipProcessQuotes, on);
  }

  public char escapeToken() {
    return (char) escapeToken;
  }

  public boolean rawQuotes() {
    return rawQuotes;
  }

  public boolean rawEscapes() {
    return rawEscapes;
  }

  public boolean skipProcessQuotes() {
    return skipProcessQuotes;
  }

  public boolean skipUnsetEnv() {
    return skipUnsetEnv;
  }

  /**
   * buildkit {@code ProcessWord}: the word with variables expanded and quotes removed; whitespace is
   * kept.
   *
   * @throws ShellExpansionException on a syntax error or a failed {@code ${v?message}}
   */
  public String processWord(String word, Env env) {
    return process(word, env).result();
  }

  /**
   * buildkit {@code ProcessWords}: the expansion split into words on unquoted whitespace, including
   * whitespace produced by unquoted expansions.
   *
   * @throws ShellExpansionException on a syntax error or a failed {@code ${v?message}}
   */
  public List<String> processWords(String word, Env env) {
    return process(word, env).words();
  }

  /**
   * buildkit {@code ProcessWordWithMatches}: the expanded word, its words, and which variable names
   * were looked up and found or not found (used to warn about undefined variables).
   *
   * @throws ShellExpansionException on a syntax error or a failed {@code ${v?message}}
   */
  public ExpansionResult process(String word, Env env) {
    WordExpansion expansion = new WordExpansion(this, word, env);
    return expansion.run();
  }

  int escapeTokenRune() {
    return escapeToken;
  }
}
