package io.kubefile.lang.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the read-only reference material (system property {@code kubefile.shared}). */
public final class SharedFixtures {
  private SharedFixtures() {}

  public static Path shared() {
    String dir = System.getProperty("kubefile.shared", "../../shared");
    return Path.of(dir);
  }

  public static Path parserDir() {
    return shared().resolve("conformance/kubefile/parser");
  }

  public static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(Path p) {
    try {
      return new ObjectMapper().readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Path> subdirectories(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 151 real Kubefiles of the corpus (everything but the expectation files). */
  public static List<Path> corpusKubefiles() {
    Path root = shared().resolve("corpus/kubefiles");
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getParent().equals(root)) // INDEX.tsv sits at the top
          .filter(p -> !p.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
