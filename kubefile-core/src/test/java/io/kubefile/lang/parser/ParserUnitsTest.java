package io.kubefile.lang.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The inline Go test tables of buildkit's parser, from parser/derived/parser-units.json. */
class ParserUnitsTest {
  private static final JsonNode UNITS =
      SharedFixtures.json(SharedFixtures.parserDir().resolve("derived/parser-units.json"));

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static Stream<Arguments> validJsonArrays() {
    List<Arguments> out = new ArrayList<>();
    UNITS.get("jsonArraysOfStrings").get("valid").forEach(
        c -> out.add(Arguments.of(c.get("input").asText(), strings(c.get("expected")))));
    return out.stream();
  }

  static Stream<String> invalidJsonArrays() {
    return strings(UNITS.get("jsonArraysOfStrings").get("invalid")).stream();
  }

  static Stream<Arguments> parseWordsCases() {
    List<Arguments> out = new ArrayList<>();
    UNITS.get("parseWords").get("cases").forEach(
        c -> out.add(Arguments.of(c.get("input").asText(), strings(c.get("expect")))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validJsonArrays")
  void aJsonArrayOfStringsBecomesExecFormArguments(String input, List<String> expected) throws Exception {
    Node cmd = Parser.parse(("CMD " + input).getBytes(java.nio.charset.StandardCharsets.UTF_8), "Kubefile")
        .ast().children().get(0);

    assertThat(cmd.isJson()).isTrue();
    assertThat(cmd.argumentValues()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidJsonArrays")
  void aJsonArrayWithANonStringElementIsAnError(String input) {
    assertThat(JsonStringArray.parse(input)).isInstanceOf(JsonStringArray.NonStringElement.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Parser.parse(("RUN " + input).getBytes(java.nio.charset.StandardCharsets.UTF_8), "Kubefile"))
        .isInstanceOf(ParseException.class)
        .hasMessage("Kubefile:1: when using JSON array syntax, arrays must be comprised of strings only");
  }

  /**
   * Issue #12 item 7: 10,000 nested arrays overflowed the Java stack. Go's encoding/json accepts
   * 10,000 levels (a non-string element, so an error) and refuses 10,001 (not JSON: shell form).
   */
  @org.junit.jupiter.api.Test
  void deeplyNestedArraysFollowGosDepthLimitWithoutRecursion() throws Exception {
    int limit = JsonStringArray.GO_MAX_NESTING_DEPTH;
    String deepest = "[".repeat(limit) + "]".repeat(limit);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Parser.parse(("CMD " + deepest).getBytes(java.nio.charset.StandardCharsets.UTF_8), "Kubefile"))
        .isInstanceOf(ParseException.class)
        .hasMessage("Kubefile:1: when using JSON array syntax, arrays must be comprised of strings only");
    String tooDeep = "[".repeat(limit + 1) + "]".repeat(limit + 1);
    assertThat(JsonStringArray.parse(tooDeep)).isInstanceOf(JsonStringArray.NotJson.class);
    String objects = "[" + "{\"a\":[".repeat(3000) + "1" + "]}".repeat(3000) + "]";
    assertThat(JsonStringArray.parse(objects)).isInstanceOf(JsonStringArray.NonStringElement.class);
    assertThat(JsonStringArray.parse("[" + "[".repeat(50_000))).isInstanceOf(JsonStringArray.NotJson.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseWordsCases")
  void parseWordsKeepsQuotesAndEscapes(String input, List<String> expected) {
    assertThat(Words.parseWords(input, '\\')).isEqualTo(expected);
  }

  @Test
  void lineNumbersCoverEveryPhysicalLineAnInstructionConsumed() throws Exception {
    JsonNode want = UNITS.get("testfile-line");
    ParseResult result = Parser.parse(
        SharedFixtures.bytes(SharedFixtures.parserDir().resolve("testfile-line/Dockerfile")), "Dockerfile");

    Node root = result.ast();
    assertThat(List.of(root.startLine(), root.endLine()))
        .containsExactly(want.get("root").get(0).asInt(), want.get("root").get(1).asInt());
    assertThat(root.children()).hasSize(want.get("children").size());
    for (int i = 0; i < root.children().size(); i++) {
      Node child = root.children().get(i);
      JsonNode range = want.get("children").get(i);
      assertThat(List.of(child.startLine(), child.endLine()))
          .as("child %d", i)
          .containsExactly(range.get(0).asInt(), range.get(1).asInt());
    }
  }

  @Test
  void emptyContinuationLinesWarnButCommentLinesDoNot() throws Exception {
    JsonNode want = UNITS.get("empty-continuation");
    ParseResult result = Parser.parse(
        SharedFixtures.bytes(SharedFixtures.parserDir().resolve("derived/empty-continuation/Dockerfile")),
        "Dockerfile");

    assertThat(result.warnings()).hasSize(want.get("warnings").asInt());
    for (int i = 0; i < result.warnings().size(); i++) {
      for (JsonNode fragment : want.get("contains").get(i)) {
        assertThat(result.warnings().get(i).shortMessage()).contains(fragment.asText());
      }
    }
  }
}
