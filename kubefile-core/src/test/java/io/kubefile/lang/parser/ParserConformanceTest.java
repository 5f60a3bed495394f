package io.kubefile.lang.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.lang.go.GoText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** buildkit's TestParseCases and TestParseErrorCases, over every fixture directory present. */
class ParserConformanceTest {

  static Stream<Path> positiveCases() {
    return SharedFixtures.subdirectories(SharedFixtures.parserDir().resolve("testfiles")).stream();
  }

  static Stream<Path> negativeCases() {
    return SharedFixtures.subdirectories(SharedFixtures.parserDir().resolve("testfiles-negative")).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("positiveCases")
  void dumpMatchesBuildkitByteForByte(Path dir) throws Exception {
    ParseResult result = Parser.parse(SharedFixtures.bytes(dir.resolve("Dockerfile")), "Dockerfile");

    byte[] dump = GoText.encode(result.dump());
    byte[] expected = SharedFixtures.bytes(dir.resolve("result"));
    assertThat(new String(dump, StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("negativeCases")
  void invalidFilesAreRejected(Path dir) {
    byte[] content = SharedFixtures.bytes(dir.resolve("Dockerfile"));
    assertThatThrownBy(() -> Parser.parse(content, "Dockerfile")).isInstanceOf(ParseException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("positiveCases")
  void everyInstructionHasAnOrderedLineRange(Path dir) throws Exception {
    ParseResult result = Parser.parse(SharedFixtures.bytes(dir.resolve("Dockerfile")), "Dockerfile");
    List<Node> children = result.ast().children();
    int previousEnd = 0;
    for (Node child : children) {
      assertThat(child.startLine()).isGreaterThan(previousEnd);
      assertThat(child.endLine()).isGreaterThanOrEqualTo(child.startLine());
      previousEnd = child.endLine();
    }
  }
}
