package io.kubefile.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo and umoci read the store as the OCI image layout it claims to be. */
class ExternalReadersTest {
  @TempDir Path tmp;

  @Test
  void skopeo_inspects_a_stored_image_by_its_full_name() throws Exception {
    External.assumeInstalled("skopeo");
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    Descriptor manifest = TestImages.store(store, "hello", true);
    store.tag("docker.io/example/hello:v1", manifest);

    String raw = External.run("skopeo", "inspect", "--raw", "oci:" + store.root() + ":docker.io/example/hello:v1");
    assertThat(Json.mapper().readTree(raw).get("config").get("digest").asText())
        .isEqualTo(store.resolve("docker.io/example/hello:v1").orElseThrow().id().toString());
    JsonNode inspected =
        Json.mapper().readTree(External.run("skopeo", "inspect", "oci:" + store.root() + ":docker.io/example/hello:v1"));
    assertThat(inspected.get("Labels").get("seed").asText()).isEqualTo("hello");
    assertThat(inspected.get("Layers")).hasSize(2);
  }

  @Test
  void umoci_unpacks_a_stored_image() throws Exception {
    External.assumeInstalled("umoci");
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    store.tag("docker.io/example/hello:v1", TestImages.store(store, "hello", true));
    Path bundle = tmp.resolve("bundle");

    External.run("umoci", "unpack", "--rootless", "--image",
        store.root() + ":docker.io/example/hello:v1", bundle.toString());

    assertThat(Files.readString(bundle.resolve("rootfs/etc/hello-0.txt"))).isEqualTo("hello layer 0\n");
    assertThat(Files.readString(bundle.resolve("rootfs/etc/hello-1.txt"))).isEqualTo("hello layer 1\n");
  }
}
