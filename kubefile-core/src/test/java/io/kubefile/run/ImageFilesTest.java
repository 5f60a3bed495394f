package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.builder.KubefileBuilder;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files {@code run} sends: extracted once per image into the store, rendered per cluster. */
class ImageFilesTest {
  @TempDir Path work;

  private StoredImage image(ImageStore store) throws Exception {
    Path context = ClusterImages.context(work.resolve("context"), Map.of(
        "Kubefile", "FROM scratch\nLABEL sealos.io.type=rootfs\nCOPY etc etc\nCOPY opt opt\n",
        "etc/config.yaml.tmpl", "name: {{ .NAME }}\n",
        "opt/data.bin", "x".repeat(200_000)));
    KubefileBuilder.forContext(context).store(store).tag("test.local/files:v1").build();
    return store.resolve("test.local/files:v1").orElseThrow();
  }

  @Test
  void clustersShareOneExtractionAndEachGetsItsOwnRenderedFiles() throws Exception {
    ImageStore store = ImageStore.open(work.resolve("store"));
    StoredImage image = image(store);

    FileManifest one = ImageFiles.prepareShared(store, image, "test.local/files:v1", work.resolve("one"), Map.of("NAME", "one"));
    FileManifest two = ImageFiles.prepareShared(store, image, "test.local/files:v1", work.resolve("two"), Map.of("NAME", "two"));

    Path shared = store.imageFilesArea(image.id());
    assertThat(one.entries().get("opt/data.bin").source()).isEqualTo(shared.resolve("opt/data.bin"));
    assertThat(two.entries().get("opt/data.bin").source()).isEqualTo(shared.resolve("opt/data.bin"));
    assertThat(one.entries().get("etc/config.yaml").source()).hasContent("name: one");
    assertThat(two.entries().get("etc/config.yaml").source()).hasContent("name: two");
    assertThat(one.entries().get("etc/config.yaml").content()).isNotEqualTo(two.entries().get("etc/config.yaml").content());
    assertThat(shared.resolve("etc/config.yaml")).as("the shared files are never rendered into").doesNotExist();
  }

  @Test
  void aFileNameWithANewlineIsRefusedNamingTheImageAndTheEscapedNameOnOneLine() throws Exception {
    ImageStore store = ImageStore.open(work.resolve("store"));
    Path context = ClusterImages.context(work.resolve("odd"), Map.of(
        "Kubefile", "FROM scratch\nLABEL sealos.io.type=rootfs\nCOPY etc etc\n",
        "etc/a\nb\tc", "x"));
    KubefileBuilder.forContext(context).store(store).tag("test.local/odd:v1").build();
    StoredImage image = store.resolve("test.local/odd:v1").orElseThrow();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ImageFiles.prepareShared(store, image, "test.local/odd:v1", work.resolve("r"), Map.of()))
        .isInstanceOf(RunException.class)
        .hasMessage("test.local/odd:v1: a file name with a tab or newline is not supported: etc/a\\nb\\tc");
  }

  @Test
  void runsExtractingTheSameImageAtOnceAllSucceedWithOneTree() throws Exception {
    ImageStore store = ImageStore.open(work.resolve("store"));
    StoredImage image = image(store);
    int runs = 4;
    CyclicBarrier start = new CyclicBarrier(runs);
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    List<Future<FileManifest>> results = new ArrayList<>();
    try {
      for (int i = 0; i < runs; i++) {
        Path renderDir = work.resolve("cluster" + i);
        results.add(pool.submit(() -> {
          start.await();
          return ImageFiles.prepareShared(store, image, "test.local/files:v1", renderDir, Map.of("NAME", "x"));
        }));
      }
      for (Future<FileManifest> result : results) {
        assertThat(result.get().entries().get("opt/data.bin").size()).isEqualTo(200_000);
      }
    } finally {
      pool.shutdownNow();
    }
    Path shared = store.imageFilesArea(image.id());
    assertThat(shared.resolve("opt/data.bin")).hasSize(200_000);
    try (Stream<Path> siblings = Files.list(shared.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("no extraction left behind").containsExactlyInAnyOrder(shared.getFileName().toString(),
              shared.getFileName() + ".files");
    }
  }
}
