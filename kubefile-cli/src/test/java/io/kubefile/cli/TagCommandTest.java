package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Digest;
import io.kubefile.store.ImageStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagCommandTest {
  @TempDir Path root;

  @Test
  void adds_normalized_names_to_an_image_found_by_short_name_or_id() throws Exception {
    Digest id = CliRun.storeImage(root, "docker.io/example/hello:v1", "hello");

    assertThat(CliRun.run(root, "tag", "example/hello:v1", "example/hello:v2", "busybox").exitCode()).isZero();
    assertThat(CliRun.run(root, "tag", id.hex().substring(0, 5), "quay.io/x/y:z").exitCode()).isZero();

    ImageStore store = ImageStore.open(root);
    assertThat(store.namesOf(id)).containsExactly(
        "docker.io/example/hello:v1", "docker.io/example/hello:v2", "docker.io/library/busybox:latest",
        "quay.io/x/y:z");
  }

  @Test
  void an_unknown_source_is_an_error() {
    CliRun.Result result = CliRun.run(root, "tag", "nope", "x");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error: image not known: nope\n");
  }
}
