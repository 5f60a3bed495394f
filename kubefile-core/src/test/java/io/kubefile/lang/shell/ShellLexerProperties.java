package io.kubefile.lang.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, the lexer either expands it or reports a {@link ShellExpansionException}. */
class ShellLexerProperties {

  private static final Env ENV = Env.of(Map.of("A", "x y", "B", "", "C", "a*b/c"));

  @Provide
  Arbitrary<String> shellish() {
    // Mostly the characters the grammar cares about, so random strings reach deep into it.
    return Arbitraries.strings()
        .withChars("${}:-+?#%/\\'\"` aAbBC*.0@\t")
        .withCharRange('\u3040', '\u3045')
        .ofMaxLength(40);
  }

  @Property(tries = 3000)
  void neverFailsWithAnInternalError(@ForAll("shellish") String word) {
    for (ShellLexer lexer : lexers()) {
      try {
        ExpansionResult result = lexer.process(word, ENV);
        assertThat(result.result()).isNotNull();
      } catch (ShellExpansionException expected) {
        assertThat(expected.getMessage()).startsWith("failed to process ");
      }
    }
  }

  @Property(tries = 1000)
  void anyUnicodeIsHandled(@ForAll String word) {
    try {
      ShellLexer.withDefaultEscape().process(word, ENV);
    } catch (ShellExpansionException expected) {
      assertThat(expected.reason()).isNotBlank();
    }
  }

  @Property(tries = 500)
  void textWithoutSpecialCharactersIsUnchanged(@ForAll("plain") String word) {
    assertThat(ShellLexer.withDefaultEscape().processWord(word, ENV)).isEqualTo(word);
  }

  @Provide
  Arbitrary<String> plain() {
    return Arbitraries.strings().alpha().numeric().withChars("-_./:,=").ofMaxLength(30);
  }

  private static ShellLexer[] lexers() {
    ShellLexer base = ShellLexer.withDefaultEscape();
    return new ShellLexer[] {
      base,
      new ShellLexer('`'),
      base.withRawQuotes(true).withRawEscapes(true).withSkipUnsetEnv(true),
      base.withSkipProcessQuotes(true),
    };
  }
}
