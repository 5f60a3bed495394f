package io.kubefile.lang.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.lang.go.GoText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Behaviour beyond the buildkit tables: options, the backtick escape, error wording, Go quirks. */
class ShellLexerTest {

  private final ShellLexer lexer = ShellLexer.withDefaultEscape();
  private final Env env = Env.of(Map.of("NAME", "world", "EMPTY", "", "SPACED", "a  b"));

  /** Backtracking regex matching took exponential time here (the timeout only guards CI). */
  @Test
  @Timeout(30)
  void aPathologicalTrimPatternOverALongValueIsMatchedInLinearTime() {
    Env longValue = Env.of(Map.of("V", "a".repeat(5000)));
    assertThat(lexer.processWord("${V#*a*a*a*a*a*a*a*a*a*a*b}", longValue)).isEqualTo("a".repeat(5000));
    assertThat(lexer.processWord("${V%%*a*a*a*a*a*a*a*a*a*a*b}", longValue)).isEqualTo("a".repeat(5000));
    assertThat(lexer.processWord("${V//*a*a*a*a*a*a*a*a*a*a*b/x}", longValue)).isEqualTo("a".repeat(5000));
  }

  /** Issue #12 item 8: the error used to quote the whole 600 KB word back. */
  @Test
  void aHugeWordIsQuotedOnlyInPart() {
    String word = "${a:-".repeat(100_000) + "x" + "}".repeat(100_000);
    assertThatThrownBy(() -> lexer.processWord(word, env))
        .isInstanceOf(ShellExpansionException.class)
        .hasMessage("failed to process \"" + "${a:-".repeat(16) + "\"... (600001 characters): "
            + "syntax error: substitutions nested too deeply");
  }

  @Test
  void errorsNameTheWordAndTheReasonLikeBuildkit() {
    assertThatThrownBy(() -> lexer.processWord("x${}", env))
        .isInstanceOf(ShellExpansionException.class)
        .hasMessage("failed to process \"x${}\": syntax error: bad substitution")
        .extracting(e -> ((ShellExpansionException) e).reason())
        .isEqualTo("syntax error: bad substitution");
  }

  @Test
  void eachSyntaxErrorHasBuildkitsWording() {
    // Go reads past the end as EOF, which string() turns into U+FFFD.
    assertThat(reason("${NAME")).isEqualTo("unsupported modifier (\uFFFD) in substitution");
    assertThat(reason("${")).isEqualTo("syntax error: missing '}'");
    assertThat(reason("${NAME:-x")).isEqualTo("syntax error: missing '}'");
    assertThat(reason("${NAME/x")).isEqualTo("syntax error: missing '/' in ${}");
    assertThat(reason("${NAME=x}")).isEqualTo("unsupported modifier (=) in substitution");
    assertThat(reason("${NAME:=x}")).isEqualTo("unsupported modifier (:=) in substitution");
    assertThat(reason("${NAME:#x}")).isEqualTo("unsupported modifier (:#) in substitution");
    assertThat(reason("'abc")).isEqualTo("unexpected end of statement while looking for matching single-quote");
    assertThat(reason("\"abc")).isEqualTo("unexpected end of statement while looking for matching double-quote");
    assertThat(reason("${NAME#\\x}")).isEqualTo("invalid pattern (\\x) in substitution: invalid escape '\\x'");
  }

  @Test
  void mandatoryVariablesReportTheExpandedMessageOrADefault() {
    assertThat(reason("${MISSING?need $NAME}")).isEqualTo("MISSING: need world");
    assertThat(reason("${MISSING?}")).isEqualTo("MISSING: is not allowed to be unset");
    assertThat(reason("${EMPTY:?}")).isEqualTo("EMPTY: is not allowed to be empty");
  }

  @Test
  void errorMessagesQuoteTheWordLikeGo() {
    assertThatThrownBy(() -> lexer.processWord("\t\"${", env))
        .hasMessageStartingWith("failed to process \"\\t\\\"${\":");
  }

  @Test
  void errorMessagesQuoteAnInvalidUtf8ByteAsGoDoes() {
    // Words come from the parser, which keeps an invalid byte as an escape surrogate; Go's %q prints \xff.
    String word = GoText.decode(new byte[] {'x', (byte) 0xFF, '$', '{', '}'});
    assertThatThrownBy(() -> lexer.processWord(word, env))
        .hasMessage("failed to process \"x\\xff${}\": syntax error: bad substitution");
  }

  @Test
  void backtickIsTheEscapeTokenWhenConfigured() {
    ShellLexer backtick = new ShellLexer('`');
    assertThat(backtick.processWord("a`$NAME\\b", env)).isEqualTo("a$NAME\\b");
    assertThat(backtick.processWord("\"`\"q\"", env)).isEqualTo("\"q");
  }

  @Test
  void onlyBackslashAndBacktickAreEscapeTokens() {
    assertThatThrownBy(() -> new ShellLexer('^')).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rawQuotesKeepQuoteCharacters() {
    assertThat(lexer.withRawQuotes(true).processWord("'a b'\"$NAME\"", env)).isEqualTo("'a b'\"world\"");
  }

  @Test
  void rawEscapesKeepEscapeTokens() {
    assertThat(lexer.withRawEscapes(true).processWord("a\\ b\"\\$x\"", env)).isEqualTo("a\\ b\\$x");
  }

  @Test
  void skipProcessQuotesTreatsQuotesAsText() {
    assertThat(lexer.withSkipProcessQuotes(true).processWord("'$NAME'", env)).isEqualTo("'world'");
  }

  @Test
  void skipUnsetEnvLeavesUnsetReferencesAsWritten() {
    ShellLexer skipping = lexer.withSkipUnsetEnv(true);
    assertThat(skipping.processWord("$X ${Y} ${Z:-d} ${W/a/b} $NAME", env))
        .isEqualTo("$X ${Y} ${Z:-d} ${W/a/b} world");
  }

  @Test
  void unquotedExpansionsAreSplitIntoWordsButQuotedOnesAreNot() {
    assertThat(lexer.processWords("x$SPACED \"$SPACED\"", env)).containsExactly("xa", "b", "a  b");
  }

  @Test
  void defaultWordsJoinTheTextAroundThem() {
    assertThat(lexer.processWords("pre${MISSING:-mid}post", env)).containsExactly("premidpost");
  }

  @Test
  void emptyQuotedStringAloneIsNoWord() {
    assertThat(lexer.processWords("\"\"", env)).isEmpty();
    assertThat(lexer.processWord("\"\"", env)).isEmpty();
  }

  @Test
  void suffixAndPrefixRemovalPickShortestOrLongest() {
    Env path = Env.of(Map.of("F", "dir/sub/file.tar.gz"));
    assertThat(lexer.processWord("${F#*/}", path)).isEqualTo("sub/file.tar.gz");
    assertThat(lexer.processWord("${F##*/}", path)).isEqualTo("file.tar.gz");
    assertThat(lexer.processWord("${F%.*}", path)).isEqualTo("dir/sub/file.tar");
    assertThat(lexer.processWord("${F%%.*}", path)).isEqualTo("dir/sub/file");
  }

  @Test
  void globsHaveNoBracketClasses() {
    assertThat(lexer.processWord("${V#[ab]}", Env.of(Map.of("V", "[ab]x")))).isEqualTo("x");
  }

  @Test
  void replaceAllUsesGoTemplateSyntaxInTheReplacement() {
    Env value = Env.of(Map.of("V", "abc"));
    // An unescaped $0 is a special parameter, expanded to "" by the lexer before the regex sees it.
    assertThat(lexer.processWord("${V//b/<$0>}", value)).isEqualTo("a<>c");
    assertThat(lexer.processWord("${V//b/<\\$0>}", value)).isEqualTo("a<\\b>c");
    assertThat(lexer.processWord("${V/b/<\\$0>}", value)).isEqualTo("a<\\$0>c");
  }

  @Test
  void replaceAllSkipsAnEmptyMatchRightAfterAMatchLikeGo() {
    assertThat(ShellPatternAccess.replaceAll("*", "baaac", "-")).isEqualTo("-");
  }

  @Test
  void lookupsAreReported() {
    ExpansionResult result = lexer.process("$NAME ${NOPE:-x} $1", env);
    assertThat(result.result()).isEqualTo("world x ");
    assertThat(result.matched()).containsExactly("NAME");
    assertThat(result.unmatched()).containsExactlyInAnyOrder("NOPE", "1");
  }

  @Test
  void envFromKeyValuesFollowsBuildkit() {
    Env parsed = Env.fromKeyValues(List.of("A=1=2", "B", "A=3"));
    assertThat(parsed.lookup("A")).hasValue("3");
    assertThat(parsed.lookup("B")).hasValue("");
    assertThat(parsed.lookup("a")).isEmpty();
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "${A:-".repeat(5000) + "x" + "}".repeat(5000);
    assertThat(reason(deep)).contains("nested too deeply");
  }

  @Test
  void aLeadingByteOrderMarkIsSkippedLikeGosScanner() {
    assertThat(lexer.processWord("\uFEFFa", env)).isEqualTo("a");
  }

  private String reason(String word) {
    try {
      lexer.processWord(word, env);
    } catch (ShellExpansionException e) {
      return e.reason();
    }
    throw new AssertionError("expected an error for " + word);
  }

  /** Reaches the package-private glob helpers with checked exceptions unwrapped. */
  private static final class ShellPatternAccess {
    static String replaceAll(String glob, String value, String replacement) {
      try {
        return ShellPattern.replaceAll(glob, value, replacement);
      } catch (ShellPattern.InvalidPatternException e) {
        throw new AssertionError(e);
      }
    }
  }
}
