package io.kubefile.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The derived {@code dockerignore/derived/patternmatcher.json} (moby/patternmatcher's TestReadAll,
 * TestMatches, TestMatch and TestCompile). Format: FORMAT.md section 6.4.
 */
class PatternMatcherConformanceTest {

  private static JsonNode corpus() throws IOException {
    String shared = System.getProperty("kubefile.shared");
    if (shared == null) {
      throw new IllegalStateException("system property kubefile.shared is not set (run the tests through Maven)");
    }
    Path file = Path.of(shared, "conformance", "kubefile", "dockerignore", "derived", "patternmatcher.json");
    return new ObjectMapper().readTree(file.toFile());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void readAllDropsCommentsAndBlanksAndCleansPatterns() throws IOException {
    JsonNode readAll = corpus().get("readAll");
    byte[] content = readAll.get("content").asText().getBytes(StandardCharsets.UTF_8);
    assertThat(IgnoreFile.read(content)).containsExactlyElementsOf(strings(readAll.get("expected")));
  }

  static Stream<Arguments> singlePatternCases() throws IOException {
    JsonNode section = corpus().get("matchesOrParentMatches");
    List<Arguments> out = new ArrayList<>();
    for (String group : List.of("single", "unixOnly")) {
      int i = 0;
      for (JsonNode c : section.get(group)) {
        out.add(Arguments.of(group + "#" + i++, c.get("pattern").asText(), c.get("text").asText(), c.get("pass").asBoolean()));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1} vs {2} -> {3}")
  @MethodSource("singlePatternCases")
  void matchesOrParentMatchesWithOnePattern(String id, String pattern, String text, boolean pass) {
    assertThat(PatternMatcher.compile(List.of(pattern)).matchesOrParentMatches(text)).isEqualTo(pass);
  }

  static Stream<Arguments> multiPatternCases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : corpus().get("matchesOrParentMatches").get("multi")) {
      out.add(Arguments.of(strings(c.get("patterns")), c.get("text").asText(), c.get("pass").asBoolean()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @MethodSource("multiPatternCases")
  void lastMatchingPatternWins(List<String> patterns, String text, boolean pass) {
    assertThat(PatternMatcher.compile(patterns).matchesOrParentMatches(text)).isEqualTo(pass);
  }

  static Stream<Arguments> deprecatedMatchesCases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    int i = 0;
    for (JsonNode c : corpus().get("deprecatedMatches").get("cases")) {
      out.add(Arguments.of(i++, c.get("pattern").asText(), c.get("text").asText(), c.get("match").asBoolean(),
          c.get("err").isNull() ? null : c.get("err").asText()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "[{0}] {1} vs {2} -> {3} {4}")
  @MethodSource("deprecatedMatchesCases")
  void deprecatedMatchesFollowsFilepathMatchSyntax(int index, String pattern, String text, boolean match, String err) {
    if (err != null) {
      assertThat(err).isEqualTo("ErrBadPattern");
      assertThatThrownBy(() -> PatternMatcher.matchesSingleParentLevel(text, List.of(pattern)))
          .isInstanceOf(BadPatternException.class)
          .hasMessage("syntax error in pattern");
    } else {
      assertThat(PatternMatcher.matchesSingleParentLevel(text, List.of(pattern))).isEqualTo(match);
    }
  }

  static Stream<Arguments> compileCases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : corpus().get("compile").get("cases")) {
      out.add(Arguments.of(c.get("pattern").asText(), c.get("matchType").asText(), c.get("regexp").asText()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @MethodSource("compileCases")
  void compilesToTheSameMatchTypeAndRegexAsPatternmatcher(String pattern, String matchType, String regexp) {
    IgnorePattern compiled = PatternMatcher.compile(List.of(pattern)).patterns().get(0);
    String expectedType = matchType.replace("Match", "").toUpperCase(Locale.ROOT);
    assertThat(compiled.matchType().name()).isEqualTo(expectedType);
    assertThat(compiled.goRegex()).isEqualTo(regexp);
  }

  @Test
  void corpusSectionSizes() throws IOException {
    JsonNode c = corpus();
    assertThat(c.get("matchesOrParentMatches").get("single")).hasSize(67);
    assertThat(c.get("matchesOrParentMatches").get("unixOnly")).hasSize(1);
    assertThat(c.get("matchesOrParentMatches").get("multi")).hasSize(4);
    assertThat(c.get("deprecatedMatches").get("cases")).hasSize(54);
    assertThat(c.get("compile").get("cases")).hasSize(21);
  }
}
