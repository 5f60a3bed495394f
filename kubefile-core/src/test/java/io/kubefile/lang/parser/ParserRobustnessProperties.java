package io.kubefile.lang.parser;

import io.kubefile.lang.instructions.Kubefile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For ANY input, parsing returns a result or throws ParseException: never another exception. */
class ParserRobustnessProperties {
  private static final List<byte[]> CORPUS = SharedFixtures.corpusKubefiles().stream()
      .map(SharedFixtures::bytes).toList();

  /** Returns normally or with ParseException; any other throwable fails the property. */
  private static boolean parsesOrRejects(byte[] input) {
    try {
      Kubefile.parse(input, "Kubefile");
    } catch (ParseException expected) {
      // a clean rejection
    }
    return true;
  }

  @Property(tries = 500)
  boolean randomBytes(@ForAll byte[] input) {
    return parsesOrRejects(input);
  }

  @Property(tries = 500)
  boolean randomDockerfileLikeText(@ForAll("dockerfileish") String text) {
    return parsesOrRejects(text.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 1000)
  boolean mutatedCorpusKubefiles(@ForAll("mutatedCorpus") byte[] input) {
    return parsesOrRejects(input);
  }

  @Provide
  Arbitrary<String> dockerfileish() {
    Arbitrary<String> pieces = Arbitraries.of(
        "FROM ", "RUN ", "COPY ", "ADD ", "ENV ", "LABEL ", "ARG ", "ONBUILD ", "HEALTHCHECK ", "CMD ",
        "SHELL ", "# escape=`\n", "# syntax=x\n", "\\\n", "`\n", "\n", " ", "\t", "<<", "<<-", "EOF", "'",
        "\"", "[", "]", ",", "--", "--from=", "=", "$", "${", "}", "a", "1", "\u00a0", "\u2028", "#", "\r",
        "[\"a\", 1]", "[1e999]", "NONE", "AS");
    return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<byte[]> mutatedCorpus() {
    Arbitrary<byte[]> file = Arbitraries.of(CORPUS);
    Arbitrary<List<int[]>> mutations = Combinators.combine(
            Arbitraries.integers().between(0, 4), Arbitraries.integers().greaterOrEqual(0),
            Arbitraries.integers().between(0, 255))
        .as((kind, at, b) -> new int[] {kind, at, b})
        .list().ofMinSize(1).ofMaxSize(8);
    return Combinators.combine(file, mutations).as(ParserRobustnessProperties::mutate);
  }

  /** Inserts, deletes or duplicates characters and lines. */
  private static byte[] mutate(byte[] original, List<int[]> mutations) {
    List<Byte> bytes = new ArrayList<>();
    for (byte b : original) {
      bytes.add(b);
    }
    for (int[] m : mutations) {
      int size = bytes.size();
      int at = size == 0 ? 0 : m[1] % size;
      switch (m[0]) {
        case 0 -> bytes.add(at, (byte) m[2]);
        case 1 -> {
          if (size > 0) {
            bytes.remove(at);
          }
        }
        case 2 -> {
          if (size > 0) {
            bytes.add(at, bytes.get(at));
          }
        }
        case 3 -> duplicateLine(bytes, at);
        default -> deleteLine(bytes, at);
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  private static int lineStart(List<Byte> bytes, int at) {
    int s = at;
    while (s > 0 && bytes.get(s - 1) != '\n') {
      s--;
    }
    return s;
  }

  private static int lineEnd(List<Byte> bytes, int at) {
    int e = at;
    while (e < bytes.size() && bytes.get(e) != '\n') {
      e++;
    }
    return Math.min(e + 1, bytes.size());
  }

  private static void duplicateLine(List<Byte> bytes, int at) {
    if (bytes.isEmpty()) {
      return;
    }
    int s = lineStart(bytes, at);
    int e = lineEnd(bytes, at);
    bytes.addAll(e, new ArrayList<>(bytes.subList(s, e)));
  }

  private static void deleteLine(List<Byte> bytes, int at) {
    if (bytes.isEmpty()) {
      return;
    }
    bytes.subList(lineStart(bytes, at), lineEnd(bytes, at)).clear();
  }

}
