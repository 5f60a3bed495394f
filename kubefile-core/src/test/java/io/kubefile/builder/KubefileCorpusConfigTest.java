package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Platform;
import io.kubefile.image.RuntimeConfig;
import io.kubefile.lang.instructions.Kubefile;
import io.kubefile.lang.parser.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real Kubefile of the corpus evaluates to the expected image config: env after expansion,
 * labels, cmd, entrypoint and the COPY list, with no file system involved.
 */
class KubefileCorpusConfigTest {

  static Stream<Path> kubefiles() {
    return SharedFixtures.corpusKubefiles().stream();
  }

  /** What the evaluator produced, in the shape of the corpus's {@code config} expectations. */
  record Evaluated(RuntimeConfig config, List<ExpandedCopy> copies) {}

  static Evaluated evaluate(Path file) throws Exception {
    Kubefile kubefile = Kubefile.parse(Files.readAllBytes(file), file.getFileName().toString());
    List<ExpandedCopy> copies = new ArrayList<>();
    StageEvaluator evaluator = new StageEvaluator(kubefile, Map.of(), Platform.parse("linux/amd64"),
        (ref, platform) -> {
          throw new AssertionError("no base image expected: " + ref);
        },
        (copy, stage) -> copies.add(copy), w -> {}, s -> {});
    List<StageState> stages = evaluator.evaluate();
    return new Evaluated(stages.get(stages.size() - 1).toRuntimeConfig(), copies);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubefiles")
  void configMatchesTheExpectation(Path file) throws Exception {
    JsonNode expected = SharedFixtures.json(file.resolveSibling(file.getFileName() + ".expected.json"))
        .get("config");
    Evaluated actual = evaluate(file);

    assertThat(actual.config().env()).as("env: PATH first, as buildkit and buildah add it")
        .first().isEqualTo("PATH=" + StageEvaluator.DEFAULT_PATH);
    assertThat(actual.config().env().subList(1, actual.config().env().size())).as("env")
        .containsExactlyElementsOf(strings(expected.get("env")));
    Map<String, String> labels = new LinkedHashMap<>();
    expected.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    assertThat(actual.config().labels()).as("labels").containsExactlyEntriesOf(labels);
    assertThat(actual.config().cmd()).as("cmd").isEqualTo(nullableStrings(expected.get("cmd")));
    assertThat(actual.config().entrypoint()).as("entrypoint")
        .isEqualTo(nullableStrings(expected.get("entrypoint")));

    List<String> expectedCopies = new ArrayList<>();
    for (JsonNode c : expected.get("copies")) {
      expectedCopies.add(c.get("instr").asText() + " " + strings(c.get("flags")) + " "
          + strings(c.get("src")) + " -> " + c.get("dest").asText());
    }
    List<String> actualCopies = actual.copies().stream()
        .map(c -> c.keyword() + " " + c.flags() + " " + c.sources() + " -> " + c.destination())
        .toList();
    assertThat(actualCopies).as("copies").containsExactlyElementsOf(expectedCopies);
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static List<String> nullableStrings(JsonNode node) {
    return node == null || node.isNull() ? null : strings(node);
  }
}
