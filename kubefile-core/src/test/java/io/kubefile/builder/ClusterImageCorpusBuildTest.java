package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Platform;
import io.kubefile.image.RuntimeConfig;
import io.kubefile.lang.parser.SharedFixtures;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds every real cluster-image directory of the corpus (registry/ left empty, no image saving)
 * and checks the image config against EXPECTED_CONFIG.json. Cases whose Kubefile copies files
 * that only init.sh would create must fail with an error naming the line and the path.
 */
class ClusterImageCorpusBuildTest {
  @TempDir Path tmp;

  static Stream<Path> cases() {
    return SharedFixtures.subdirectories(SharedFixtures.shared().resolve("corpus/cluster-image")).stream();
  }

  /** A writable copy of a case, without the expectation files, plus an empty registry/. */
  static Path writableCopy(Path source, Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : walk.toList()) {
        Path rel = source.relativize(p);
        if (rel.toString().startsWith("EXPECTED") || rel.toString().equals("CHART_IMAGES_HINT.txt")) {
          continue;
        }
        Path dest = target.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
    Files.createDirectories(target.resolve("registry"));
    return target;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildsTheExpectedImageConfig(Path caseDir) throws Exception {
    JsonNode expected = SharedFixtures.json(caseDir.resolve("EXPECTED_CONFIG.json"));
    JsonNode details = SharedFixtures.json(caseDir.resolve("EXPECTED.json"));
    Path context = writableCopy(caseDir, tmp.resolve("ctx"));
    KubefileBuilder builder = KubefileBuilder.forContext(context)
        .store(ImageStore.open(tmp.resolve("store")))
        .platform(Platform.parse("linux/amd64"))
        .identityLabel("test")
        .tag("corpus/" + caseDir.getFileName() + ":test");

    List<String> missing = new ArrayList<>();
    details.get("copy_sources_missing").forEach(n -> missing.add(n.asText()));
    if (!missing.isEmpty()) {
      assertThatThrownBy(builder::build)
          .isInstanceOf(BuildException.class)
          .hasMessageMatching("(Kubefile|Dockerfile):\\d+: COPY failed: \"[^\"]+\": not found in build context.*");
      return;
    }
    BuildResult result = builder.build();
    RuntimeConfig config = result.config().config();

    List<String> env = config.env().stream().filter(e -> !e.startsWith("PATH=")).toList();
    assertThat(env).as("env").containsExactlyElementsOf(KubefileCorpusConfigTest.strings(expected.get("env")));
    Map<String, String> labels = new LinkedHashMap<>(config.labels());
    assertThat(labels.remove(KubefileBuilder.IDENTITY_LABEL)).isEqualTo("test");
    Map<String, String> expectedLabels = new LinkedHashMap<>();
    expected.get("labels").fields().forEachRemaining(e -> expectedLabels.put(e.getKey(), e.getValue().asText()));
    assertThat(labels).as("labels").containsExactlyEntriesOf(expectedLabels);
    assertThat(config.cmd()).as("cmd").isEqualTo(KubefileCorpusConfigTest.nullableStrings(expected.get("cmd")));
    assertThat(config.entrypoint()).as("entrypoint")
        .isEqualTo(KubefileCorpusConfigTest.nullableStrings(expected.get("entrypoint")));
    assertThat(result.config().rootfs().diffIds()).as("one layer per COPY that copied something")
        .hasSizeLessThanOrEqualTo(expected.get("copies").size());
  }
}
