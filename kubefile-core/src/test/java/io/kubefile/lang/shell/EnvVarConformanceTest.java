package io.kubefile.lang.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.lang.go.GoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * buildkit's {@code TestShellParser4EnvVars}: every Linux line of {@code shell/envVarTest} (platforms
 * A and U) is a case of {@code ProcessWord} against a fixed environment. Format: FORMAT.md section 4.
 */
class EnvVarConformanceTest {

  private static final Env ENV = fixedEnv();

  private static Env fixedEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PWD", "/home");
    env.put("SHELL", "bash");
    env.put("KOREAN", "한국어");
    env.put("NULL", ""); // set, but empty
    return Env.of(env);
  }

  record Case(int line, String platform, String source, String expected) {}

  static List<Case> allCases() throws IOException {
    String text = Files.readString(SharedConformance.file("shell/envVarTest"), StandardCharsets.UTF_8);
    List<Case> cases = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripTrailingCr(lines[i]);
      if (line.startsWith("#")) {
        continue; // checked before trimming, as in the Go test
      }
      line = GoText.trimSpace(line);
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\|", -1);
      if (fields.length != 3) {
        throw new IllegalStateException("line " + (i + 1) + " does not have 3 fields: " + line);
      }
      cases.add(new Case(i + 1, GoText.trimSpace(fields[0]), GoText.trimSpace(fields[1]), GoText.trimSpace(fields[2])));
    }
    return cases;
  }

  private static String stripTrailingCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  static Stream<Arguments> linuxCases() throws IOException {
    return allCases().stream()
        .filter(c -> c.platform().equals("A") || c.platform().equals("U"))
        .map(c -> Arguments.of(c.line(), c.source(), c.expected()));
  }

  @ParameterizedTest(name = "line {0}: {1} -> {2}")
  @MethodSource("linuxCases")
  void expandsLikeBuildkit(int line, String source, String expected) {
    ShellLexer lexer = new ShellLexer('\\');
    if (expected.equals("error")) {
      assertThatThrownBy(() -> lexer.processWord(source, ENV)).isInstanceOf(ShellExpansionException.class);
    } else {
      assertThat(lexer.processWord(source, ENV)).isEqualTo(expected);
    }
  }

  @Test
  void theCorpusHas228LinuxCasesAndOnlyKnownPlatforms() throws IOException {
    List<Case> cases = allCases();
    assertThat(cases).extracting(Case::platform).allMatch(p -> p.equals("A") || p.equals("U") || p.equals("W"));
    assertThat(cases).filteredOn(c -> !c.platform().equals("W")).hasSize(228);
  }
}
