package io.kubefile.lang.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.lang.parser.SharedFixtures;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real Kubefile of the corpus parses into typed instructions. */
class CorpusTest {
  static Stream<Path> kubefiles() {
    return SharedFixtures.corpusKubefiles().stream();
  }

  @Test
  void theCorpusHas151Kubefiles() {
    assertThat(SharedFixtures.corpusKubefiles()).hasSize(151);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubefiles")
  void parsesIntoStages(Path file) throws Exception {
    Kubefile kubefile = Kubefile.parse(SharedFixtures.bytes(file), file.getFileName().toString());

    assertThat(kubefile.stages()).isNotEmpty();
    assertThat(kubefile.instructions()).hasSize(kubefile.parse().ast().children().size());
    for (Instruction instruction : kubefile.instructions()) {
      assertThat(instruction.span().startLine()).isPositive();
      assertThat(instruction.span().endLine()).isGreaterThanOrEqualTo(instruction.span().startLine());
    }
  }
}
