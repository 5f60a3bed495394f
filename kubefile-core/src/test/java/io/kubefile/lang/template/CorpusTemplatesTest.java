package io.kubefile.lang.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code .tmpl} of the real build directories (shared/corpus/cluster-image) rendered by
 * {@link TemplateFiles} equals Go's rendering (helm-java's engine, data wrapped as {@code {{with
 * .Values}}}), once with every variable the templates use set and once with none set (a missing
 * key prints {@code <no value>} in both: Helm deletes it only from a chart's final output, and the
 * oracle reads the body before that).
 */
class CorpusTemplatesTest {
  private static final Map<String, String> FULL_ENV = Map.of("NAMESPACE", "db", "MONGO_USER", "root",
      "MONGO_PASSWD", "s3cr3t&<x>", "disableDefaultStorageClass", "true", "fstype", "ext4",
      "storagePool", "pool9", "placementCount", "2", "directory", "/data/pool");
  private static final Map<String, String> NO_ENV = Map.of("UNRELATED", "x");

  @TempDir
  static Path work;

  static Stream<Path> corpusTemplates() throws IOException {
    String property = System.getProperty("kubefile.shared");
    Path shared = property != null ? Path.of(property) : Path.of("..", "..", "shared");
    try (Stream<Path> files = Files.walk(shared.resolve("corpus/cluster-image"))) {
      List<Path> templates = files.filter(p -> p.toString().endsWith(".tmpl")).sorted().toList();
      assertThat(templates).hasSizeGreaterThanOrEqualTo(4);
      return templates.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("corpusTemplates")
  void renders_as_go_does(Path template) throws Exception {
    for (Map<String, String> env : List.of(FULL_ENV, NO_ENV)) {
      Path image = Files.createTempDirectory(work, "image");
      Path copy = image.resolve("manifests").resolve(template.getFileName());
      Files.createDirectories(copy.getParent());
      Files.copy(template, copy);

      TemplateFiles.renderAll(image, env);

      String rendered = Files.readString(image.resolve("manifests").resolve(
          template.getFileName().toString().replaceAll("\\.tmpl$", "")));
      String go = HelmOracle.render(work, "{{with .Values}}" + Files.readString(template) + "{{end}}",
          new ObjectMapper().writeValueAsString(new TreeMap<>(env)));
      assertThat(rendered).as(template + " with " + env).isEqualTo(go);
      if (env == FULL_ENV) {
        assertThat(rendered).doesNotContain("<no value>");
      }
    }
  }
}
