package io.kubefile.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.copy.ImageSaver;
import io.kubefile.image.Json;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import io.kubefile.store.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo reads the archives we write, and we load the archives skopeo writes. */
class SkopeoInteropTest {
  static final String HELLO = "docker.io/example/hello:v1";

  @TempDir Path tmp;
  ImageStore store;
  StoredImage hello;

  @BeforeEach
  void storeAnImage() throws IOException {
    External.assumeInstalled("skopeo");
    store = ImageStore.open(tmp.resolve("store"));
    store.tag(HELLO, TestImages.store(store, "hello", true));
    hello = store.resolve(HELLO).orElseThrow();
  }

  @Test
  void skopeo_reads_our_oci_archive() throws Exception {
    Path archive = tmp.resolve("hello.tar");
    new ImageSaver(store).save(ArchiveFormat.OCI_ARCHIVE, List.of(HELLO), archive);

    JsonNode inspected = Json.mapper().readTree(External.run("skopeo", "inspect", "oci-archive:" + archive));
    assertThat(inspected.get("Labels").get("seed").asText()).isEqualTo("hello");
    assertThat(inspected.get("Digest").asText()).isEqualTo(hello.manifestDescriptor().digest().toString());
    External.run("skopeo", "inspect", "oci-archive:" + archive + ":" + HELLO);
  }

  @Test
  void skopeo_reads_our_docker_archive() throws Exception {
    Path archive = tmp.resolve("hello.tar");
    new ImageSaver(store).save(ArchiveFormat.DOCKER_ARCHIVE, List.of(HELLO), archive);

    JsonNode inspected = Json.mapper().readTree(External.run("skopeo", "inspect", "docker-archive:" + archive));
    assertThat(inspected.get("Labels").get("seed").asText()).isEqualTo("hello");
    JsonNode config = Json.mapper().readTree(
        External.run("skopeo", "inspect", "--config", "--raw", "docker-archive:" + archive));
    assertThat(config.get("rootfs").get("diff_ids").get(0).asText())
        .isEqualTo(hello.config().rootfs().diffIds().get(0).toString());
    // skopeo can copy it on into an OCI layout, which requires the diff_ids to verify.
    External.run("skopeo", "copy", "docker-archive:" + archive, "oci:" + tmp.resolve("copy") + ":x");
  }

  @Test
  void we_load_skopeo_docker_archives_with_their_names() throws Exception {
    Path archive = tmp.resolve("skopeo.tar");
    External.run("skopeo", "copy", "oci:" + store.root() + ":" + HELLO,
        "docker-archive:" + archive + ":example/hello:v9");

    ImageStore target = ImageStore.open(tmp.resolve("target"));
    List<LoadedImage> loaded = ArchiveLoader.load(target, archive);

    assertThat(loaded).singleElement().satisfies(image -> {
      assertThat(image.names()).containsExactly("docker.io/example/hello:v9");
      assertThat(image.id()).isEqualTo(hello.id());
    });
    assertThat(target.resolve("docker.io/example/hello:v9")).isPresent();
  }

  @Test
  void we_load_skopeo_oci_archives_and_a_bare_tag_leaves_the_image_unnamed() throws Exception {
    Path named = tmp.resolve("named.tar");
    Path bareTag = tmp.resolve("bare.tar");
    External.run("skopeo", "copy", "oci:" + store.root() + ":" + HELLO, "oci-archive:" + named + ":" + HELLO);
    External.run("skopeo", "copy", "oci:" + store.root() + ":" + HELLO, "oci-archive:" + bareTag + ":v1");

    ImageStore target = ImageStore.open(tmp.resolve("target"));
    assertThat(ArchiveLoader.load(target, named)).singleElement()
        .satisfies(image -> assertThat(image.names()).containsExactly(HELLO));
    ImageStore other = ImageStore.open(tmp.resolve("other"));
    assertThat(ArchiveLoader.load(other, bareTag)).singleElement()
        .satisfies(image -> assertThat(image.names()).isEmpty());
    assertThat(other.list()).singleElement().satisfies(image -> {
      assertThat(image.isNamed()).isFalse();
      assertThat(image.id()).isEqualTo(hello.id());
    });
  }
}
