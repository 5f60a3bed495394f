package io.kubefile.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.Json;
import io.kubefile.image.RuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merged config and the Sealfile written for it are sealos's, checked against the fixtures
 * derived from sealos's {@code MergeDockerfileFromImages} (shared/fixtures/sealos/derived/07-merge-sealfile).
 */
class MergeSealfileTest {
  private static final Path FIXTURES = Path.of(System.getProperty("kubefile.shared", "../../shared"))
      .resolve("fixtures/sealos/derived/07-merge-sealfile");

  /** The fixture's input: a list of one-entry objects, image name → {"config": {...}}. */
  private static List<MergeInput> inputs(String file) throws Exception {
    List<MergeInput> inputs = new ArrayList<>();
    for (JsonNode entry : Json.mapper().readTree(FIXTURES.resolve(file).toFile())) {
      var field = entry.fields().next();
      inputs.add(new MergeInput(field.getKey(),
          Json.mapper().treeToValue(field.getValue(), ImageConfig.class)));
    }
    return inputs;
  }

  @Test
  void labels_and_env_merge_with_the_later_image_winning_and_entrypoint_and_cmd_concatenate()
      throws Exception {
    MergedConfig merged = ConfigMerge.merge(inputs("input.json"));

    assertThat(merged.labels()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("aa", "cc", "bb", "cc")));
    assertThat(merged.env()).containsExactlyEntriesOf(
        new java.util.TreeMap<>(Map.of("aa", "dd", "cc", "dd", "ee", "ff", "ff", "gg")));
    assertThat(merged.entrypoint()).containsExactly("ffff", "eeee", "aaaa");
    assertThat(merged.cmd()).containsExactly("ffff", "eeee");
    assertThat(merged.images()).containsExactly("aaaa", "ccccc");
  }

  @Test
  void the_sealfile_is_the_one_sealos_writes() throws Exception {
    assertThat(MergeSealfile.render(ConfigMerge.merge(inputs("input.json"))))
        .isEqualTo(Files.readString(FIXTURES.resolve("expected-Sealfile.case1")));
  }

  @Test
  void any_rootfs_input_makes_the_merge_a_rootfs_image_under_both_type_labels() throws Exception {
    MergedConfig merged = ConfigMerge.merge(inputs("input-rootfs.json"));

    assertThat(merged.labels()).containsEntry("sealos.io.type", "rootfs")
        .containsEntry("apps.sealos.io/type", "rootfs").hasSize(2);
    assertThat(MergeSealfile.render(merged))
        .isEqualTo(Files.readString(FIXTURES.resolve("expected-Sealfile.case2")));
  }

  @Test
  void path_is_dropped_so_the_merged_image_gets_the_default_one() {
    MergedConfig merged = ConfigMerge.merge(List.of(input("a", List.of("PATH=/opt/bin", "A=1"), Map.of())));

    assertThat(merged.env()).containsOnlyKeys("A");
  }

  @Test
  void values_that_sealos_would_garble_are_quoted_so_expansion_gives_them_back() {
    MergedConfig merged = ConfigMerge.merge(List.of(input("a",
        List.of("GREETING=hello world", "HOMEDIR=$HOME", "EMPTY="),
        Map.of("cmd", "kubectl apply -f $(NAME).yaml", "price", "5$ \"quoted\" back\\slash"))));

    assertThat(MergeSealfile.render(merged)).isEqualTo("""
        FROM scratch
        MAINTAINER labring
        LABEL cmd="kubectl apply -f $(NAME).yaml" \\
        \tprice="5\\$ \\"quoted\\" back\\\\slash"
        ENV EMPTY="" \\
        \tGREETING="hello world" \\
        \tHOMEDIR="\\$HOME"
        COPY --from=a   . .""");
  }

  static MergeInput input(String name, List<String> env, Map<String, String> labels) {
    RuntimeConfig config = new RuntimeConfig(null, Map.of(), env, null, null, Map.of(), null, labels,
        null, false, null, List.of(), List.of());
    return new MergeInput(name, new ImageConfig(null, null, "amd64", "linux", null, config, null, List.of()));
  }
}
