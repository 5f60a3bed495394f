package io.kubefile.lang.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The derived {@code shell/derived/processWithMatches.json}: buildkit's {@code TestProcessWithMatches},
 * {@code TestProcessWithMatchesPlatform}, {@code TestShellParserMandatoryEnvVars} and
 * {@code TestConvertShellPatternToRegex}. Format: FORMAT.md section 6.3.
 */
class ProcessWithMatchesConformanceTest {

  private static JsonNode corpus() throws IOException {
    return new ObjectMapper().readTree(SharedConformance.file("shell/derived/processWithMatches.json").toFile());
  }

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    int index = 0;
    for (JsonNode c : corpus().get("cases")) {
      out.add(Arguments.of(index++, c.get("source").asText(), c.get("input").asText(), c));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "[{0}] {1}: {2}")
  @MethodSource("cases")
  void expandsAndReportsLookups(int index, String testName, String input, JsonNode c) {
    Map<String, String> envs = new LinkedHashMap<>();
    c.get("envs").fields().forEachRemaining(e -> envs.put(e.getKey(), e.getValue().asText()));
    ShellLexer lexer = new ShellLexer('\\');

    if (c.path("expectedErr").asBoolean(false)) {
      var thrown = assertThatThrownBy(() -> lexer.process(input, Env.of(envs)))
          .isInstanceOf(ShellExpansionException.class);
      if (c.has("errorContains")) {
        thrown.hasMessageContaining(c.get("errorContains").asText());
      }
      return;
    }
    ExpansionResult result = lexer.process(input, Env.of(envs));
    assertThat(result.result()).isEqualTo(c.get("expected").asText());
    if (testName.equals("TestProcessWithMatches")) {
      assertThat(result.matched()).isEqualTo(names(c.get("matches")));
      assertThat(result.unmatched()).isEqualTo(names(c.get("unmatched")));
    }
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new LinkedHashSet<>();
    if (array != null) {
      array.forEach(n -> names.add(n.asText()));
    }
    return names;
  }

  static Stream<Arguments> validPatterns() throws IOException {
    List<Arguments> out = new ArrayList<>();
    corpus().get("convertShellPatternToRegex").get("valid").fields()
        .forEachRemaining(e -> out.add(Arguments.of(e.getKey(), e.getValue().asText())));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("validPatterns")
  void convertsGlobsToTheSameRegexSourceAsBuildkit(String glob, String regex) throws Exception {
    assertThat(ShellPattern.toRegexSource(glob, true, true)).isEqualTo(regex);
  }

  static Stream<String> invalidPatterns() throws IOException {
    List<String> out = new ArrayList<>();
    corpus().get("convertShellPatternToRegex").get("invalid").forEach(n -> out.add(n.asText()));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPatterns")
  void rejectsBadEscapesInGlobs(String glob) {
    assertThatThrownBy(() -> ShellPattern.toRegexSource(glob, true, true))
        .isInstanceOf(ShellPattern.InvalidPatternException.class)
        .hasMessageStartingWith("invalid escape");
  }

  @Test
  void theCorpusHas56ExpansionCases() throws IOException {
    assertThat(corpus().get("cases")).hasSize(56);
  }
}
