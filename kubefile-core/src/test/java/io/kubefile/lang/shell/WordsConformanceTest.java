package io.kubefile.lang.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.lang.go.GoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * buildkit's {@code TestShellParser4Words}: each case of {@code shell/wordsTest} is {@code ProcessWords}
 * against the {@code ENV} lines above it. Format: FORMAT.md section 5.
 */
class WordsConformanceTest {

  record Case(int line, String source, Map<String, String> env, List<String> expected) {}

  static List<Case> allCases() throws IOException {
    String text = Files.readString(SharedConformance.file("shell/wordsTest"), StandardCharsets.UTF_8);
    Map<String, String> envSoFar = new LinkedHashMap<>();
    List<Case> cases = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        continue; // after the final newline
      }
      if (line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("ENV ")) {
        String entry = trimLeadingSpaces(line.substring(3)); // trailing spaces in the value matter
        int eq = entry.indexOf('=');
        envSoFar.put(entry.substring(0, eq), entry.substring(eq + 1));
        continue;
      }
      String[] sides = line.split("\\|", -1);
      if (sides.length != 2) {
        throw new IllegalStateException("line " + (i + 1) + " must contain exactly one '|': " + line);
      }
      List<String> expected = Arrays.asList(trimLeadingSpaces(sides[1]).split(",", -1));
      cases.add(new Case(i + 1, GoText.trimSpace(sides[0]), new LinkedHashMap<>(envSoFar), expected));
    }
    return cases;
  }

  private static String trimLeadingSpaces(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return s.substring(i);
  }

  static Stream<Arguments> cases() throws IOException {
    return allCases().stream().map(c -> Arguments.of(c.line(), c.source(), c.env(), c.expected()));
  }

  @ParameterizedTest(name = "line {0}: {1} -> {3}")
  @MethodSource("cases")
  void splitsWordsLikeBuildkit(int line, String source, Map<String, String> env, List<String> expected) {
    List<String> actual;
    try {
      actual = new ShellLexer('\\').processWords(source, Env.of(env));
    } catch (ShellExpansionException e) {
      actual = List.of("error");
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void theCorpusHas24Cases() throws IOException {
    assertThat(allCases()).hasSize(24);
  }
}
