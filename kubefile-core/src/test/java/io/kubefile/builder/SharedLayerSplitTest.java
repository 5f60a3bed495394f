package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.Platform;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer that differs between the platforms of one build is split into what every platform has
 * (one layer, the same blob in each image) and each platform's own entries; GNU tar lists the
 * layers, so the split is read by another tar implementation than ours.
 */
class SharedLayerSplitTest {
  @TempDir Path tmp;

  /** A context per platform: {@code data/} with a shared file and a file of the platform's own. */
  private Path context(String arch, boolean shareAFile) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx-" + arch + "/data/common"));
    if (shareAFile) {
      Files.writeString(ctx.resolve("shared.bin"), "the same on every platform\n".repeat(100));
    }
    Files.writeString(ctx.resolve(arch + ".bin"), "only " + arch + "\n");
    Path root = ctx.getParent().getParent();
    Files.writeString(root.resolve("Kubefile"), "FROM scratch\nCOPY data data\nLABEL x=y\n");
    return root;
  }

  private List<ImageManifest> build(ImageStore store, boolean shareAFile) throws Exception {
    List<KubefileBuilder> parts = new ArrayList<>();
    for (String arch : new String[] {"amd64", "arm64"}) {
      parts.add(KubefileBuilder.forContext(context(arch, shareAFile)).store(store)
          .platform(Platform.parse("linux/" + arch)).tag("docker.io/test/split:v1")
          .timestamp(Instant.ofEpochSecond(1_700_000_000)));
    }
    MultiPlatformResult result = MultiPlatformBuild.build(store, parts);
    List<ImageManifest> manifests = new ArrayList<>();
    for (BuildResult part : result.platforms()) {
      ImageManifest manifest = Json.read(store.readBlob(part.manifest().digest()), ImageManifest.class, "manifest");
      assertThat(part.config().rootfs().diffIds()).as("diff IDs follow the layers")
          .isEqualTo(manifest.layers().stream().map(Descriptor::digest).toList());
      manifests.add(manifest);
    }
    return manifests;
  }

  private static List<String> tarList(ImageStore store, Descriptor layer) throws Exception {
    return Arrays.asList(External.run("tar", "-tf", store.blobPath(layer.digest()).toString()).split("\n"));
  }

  @Test
  void the_entries_every_platform_has_become_one_shared_layer_and_the_rest_each_platforms_own() throws Exception {
    ImageStore store = ImageStore.open(tmp.resolve("store"));

    List<ImageManifest> manifests = build(store, true);

    ImageManifest amd = manifests.get(0);
    ImageManifest arm = manifests.get(1);
    assertThat(amd.layers()).hasSize(2);
    assertThat(amd.layers().get(0)).isEqualTo(arm.layers().get(0));
    assertThat(tarList(store, amd.layers().get(0)))
        .containsExactly("data/", "data/common/", "data/common/shared.bin");
    assertThat(tarList(store, amd.layers().get(1))).as("the directories above its own file are set again")
        .containsExactly("data/", "data/common/", "data/common/amd64.bin");
    assertThat(tarList(store, arm.layers().get(1)))
        .containsExactly("data/", "data/common/", "data/common/arm64.bin");
  }

  @Test
  void layers_that_share_only_directories_stay_whole() throws Exception {
    ImageStore store = ImageStore.open(tmp.resolve("store"));

    List<ImageManifest> manifests = build(store, false);

    assertThat(manifests.get(0).layers()).hasSize(1);
    assertThat(tarList(store, manifests.get(0).layers().get(0)))
        .containsExactly("data/", "data/common/", "data/common/amd64.bin");
  }
}
