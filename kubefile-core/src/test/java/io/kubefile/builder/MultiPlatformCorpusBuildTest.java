package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubefile.image.Platform;
import io.kubefile.lang.parser.SharedFixtures;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every buildable corpus build directory, built for linux/amd64 and linux/arm64 in one run: skopeo
 * reads one index with both platforms; the directories hold no per-platform files, so both images
 * share every layer blob (stored once) and their configs differ only in the architecture.
 */
class MultiPlatformCorpusBuildTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.kubefile.builder.ClusterImageCorpusBuildTest#cases")
  void both_platforms_in_one_index_sharing_every_layer(Path caseDir) throws Exception {
    if (SharedFixtures.json(caseDir.resolve("EXPECTED.json")).get("copy_sources_missing").size() > 0) {
      return; // needs init.sh's output: covered by the single-platform corpus test's error check
    }
    Path context = ClusterImageCorpusBuildTest.writableCopy(caseDir, tmp.resolve("ctx"));
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    String name = "docker.io/corpus/" + caseDir.getFileName() + ":multi";
    List<KubefileBuilder> parts = List.of(part(context, store, name, "linux/amd64"),
        part(context, store, name, "linux/arm64"));

    MultiPlatformResult result = MultiPlatformBuild.build(store, parts);

    JsonNode index = JSON.readTree(External.run("skopeo", "inspect", "--raw", "oci:" + store.root() + ":" + name));
    assertThat(index.path("manifests")).hasSize(2);
    assertThat(index.path("manifests").get(1).path("platform").path("architecture").asText()).isEqualTo("arm64");
    BuildResult amd = result.platforms().get(0);
    BuildResult arm = result.platforms().get(1);
    assertThat(arm.config().rootfs().diffIds()).isEqualTo(amd.config().rootfs().diffIds());
    assertThat(arm.config().config()).isEqualTo(amd.config().config());
    assertThat(List.of(amd.config().architecture(), arm.config().architecture())).containsExactly("amd64", "arm64");
  }

  private static KubefileBuilder part(Path context, ImageStore store, String name, String platform) {
    return KubefileBuilder.forContext(context).store(store).platform(Platform.parse(platform)).tag(name)
        .identityLabel("test").timestamp(Instant.ofEpochSecond(1_700_000_000));
  }
}
