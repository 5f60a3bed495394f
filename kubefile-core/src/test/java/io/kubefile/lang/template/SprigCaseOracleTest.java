package io.kubefile.lang.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sprig's word-splitting case functions (huandu/xstrings) and the other string reshapers render as
 * Go's do, for the word shapes xstrings distinguishes: acronyms, digits inside and after words,
 * connectors at the ends and doubled, punctuation, non-ASCII and CJK letters. {@code camelcase} is
 * not compared here: Helm links xstrings v1.5.0, which lower-cases words again ("GoPath"), while
 * sealos's v1.4.0 keeps their case ("GOPATH"); {@link XStringsTest} checks it against v1.4.0's
 * own examples.
 */
class SprigCaseOracleTest {
  static final String[] INPUTS = {"FirstName", "HTTPServer", "NoHTTPS", "GO_PATH", "GO PATH", "GO-PATH", "http2xx",
      "HTTP20xOK", "Duration2m3s", "Bld4Floor3rd", "some_words", "_complex__case_", "some words", "a", "_", "",
      "ABC", "Ab", "aB", "x1", "1x", "12", "a.b", "a..b?C", "hello-World_foo bar", "ça và l'ombre", "日本語Text",
      "user ID", "getHTTPResponseCode", "version1.2.3Beta", "  lead", "trail  ", "Ⓐbc", "x\ty", "A1B2", "A_1"};

  @TempDir
  static Path work;

  static Stream<String> templates() {
    Stream.Builder<String> b = Stream.builder();
    for (String input : INPUTS) {
      String q = GoFormat.quote(input);
      b.add("{{ snakecase " + q + " }}|{{ kebabcase " + q + " }}|{{ swapcase " + q
          + " }}|{{ title " + q + " }}|{{ untitle " + q + " }}|{{ initials " + q + " }}|{{ nospace " + q + " }}");
    }
    b.add("{{ wrap 5 \"The quick brown fox jumps\" }}|{{ wrapWith 6 \"<br>\" \"The quick brown fox\" }}|{{ wrap 1 \"ab cd\" }}");
    b.add("{{ abbrev 6 \"The quick\" }}|{{ abbrevboth 3 8 \"abcdefghijkl\" }}|{{ plural \"x\" \"xs\" 1 }}|{{ plural \"x\" \"xs\" 0 }}");
    b.add("{{ len (shuffle \"abcdef\") }} {{ len (randAlpha 7) }} {{ len (randNumeric 3) }} {{ len (randAscii 4) }} {{ len (randAlphaNum 9) }} {{ len uuidv4 }}");
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("templates")
  void renders_like_go(String template) {
    assertThat(HelmOracle.java(template, "{}")).isEqualTo(HelmOracle.render(work, template, "{}"));
  }
}
