package io.kubefile.lang.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** buildkit's parser_heredoc_test.go, from parser/derived/heredoc. */
class HeredocTest {
  private static final Path DIR = SharedFixtures.parserDir().resolve("derived/heredoc");
  private static final JsonNode EXPECTED = SharedFixtures.json(DIR.resolve("expected.json"));

  static Stream<Arguments> expectations() {
    List<Arguments> out = new ArrayList<>();
    EXPECTED.get("Dockerfile").forEach(e -> out.add(Arguments.of(e.get("instruction_line").asText(), e)));
    return out.stream();
  }

  private static ParseResult parse(String file) throws ParseException {
    return Parser.parse(SharedFixtures.bytes(DIR.resolve(file)), file);
  }

  @Test
  void thereAre27Expectations() {
    assertThat(EXPECTED.get("Dockerfile")).hasSize(27);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void heredocsAreAttachedToTheirInstruction(String line, JsonNode expectation) throws Exception {
    Node child = parse("Dockerfile").ast().children().get(expectation.get("child_index").asInt());

    List<Heredoc> want = new ArrayList<>();
    if (!expectation.get("heredocs").isNull()) {
      expectation.get("heredocs").forEach(h -> want.add(new Heredoc(
          h.get("Name").asText(), h.get("FileDescriptor").asLong(), h.get("Expand").asBoolean(),
          h.get("Chomp").asBoolean(), h.get("Content").asText())));
    }
    assertThat(child.original()).isEqualTo(line);
    assertThat(child.heredocs()).isEqualTo(want);
  }

  @Test
  void jsonFormInstructionsHaveNoHeredocs() throws Exception {
    List<Node> children = parse("Dockerfile.json-forms").ast().children();
    for (JsonNode index : EXPECTED.get("Dockerfile.json-forms").get("children_without_heredocs")) {
      assertThat(children.get(index.asInt()).heredocs()).isEmpty();
    }
  }

  @Test
  void parseHeredocHelper() throws Exception {
    JsonNode cases = EXPECTED.get("ParseHeredoc");
    for (JsonNode valid : cases.get("valid")) {
      assertThat(HeredocDetector.parseHeredoc(valid.asText())).as(valid.asText())
          .extracting(Heredoc::name).isEqualTo("EOF");
    }
    for (JsonNode invalid : cases.get("invalid")) {
      assertThatThrownBy(() -> HeredocDetector.parseHeredoc(invalid.asText())).as(invalid.asText())
          .isInstanceOf(SyntaxError.class);
    }
    for (JsonNode notHeredoc : cases.get("notHeredoc")) {
      assertThat(HeredocDetector.parseHeredoc(notHeredoc.asText())).as(notHeredoc.asText()).isNull();
    }
  }

  @Test
  void heredocsFromLineFindsTheTerminatorNames() throws Exception {
    for (JsonNode c : EXPECTED.get("heredocsFromLine").get("cases")) {
      List<String> want = new ArrayList<>();
      c.get("inferredActual").forEach(n -> want.add(n.asText()));
      List<String> names = HeredocDetector.heredocsFromLine(c.get("line").asText()).stream()
          .map(Heredoc::name).toList();
      assertThat(names).as(c.get("line").asText()).isEqualTo(want);
    }
  }

  @Test
  void chompRemovesLeadingTabsOfEveryLine() {
    JsonNode c = EXPECTED.get("ChompHeredocContent");
    assertThat(Heredoc.chompContent(c.get("input").asText())).isEqualTo(c.get("expected").asText());
  }

  @Test
  void anUnterminatedHeredocIsAnError() {
    byte[] file = "FROM scratch\nRUN <<EOF\necho hi\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Parser.parse(file, "Kubefile"))
        .isInstanceOf(ParseException.class)
        .hasMessage("Kubefile:2: unterminated heredoc");
  }

  @Test
  void onbuildWrappingRunCarriesTheHeredoc() throws Exception {
    byte[] file = "FROM scratch\nONBUILD RUN <<EOF\necho hi\nEOF\n".getBytes(StandardCharsets.UTF_8);
    Node onbuild = Parser.parse(file, "Kubefile").ast().children().get(1);
    assertThat(onbuild.heredocs()).extracting(Heredoc::content).containsExactly("echo hi\n");
    assertThat(onbuild.endLine()).isEqualTo(4);
  }
}
