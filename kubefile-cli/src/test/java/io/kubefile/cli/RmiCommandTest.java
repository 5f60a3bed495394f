package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Digest;
import io.kubefile.store.ImageStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RmiCommandTest {
  @TempDir Path root;

  @Test
  void removing_a_name_untags_it_and_the_last_name_deletes_the_image() throws Exception {
    Digest id = CliRun.storeImage(root, "docker.io/example/hello:v1", "hello");
    CliRun.run(root, "tag", "example/hello:v1", "example/hello:v2");

    assertThat(CliRun.run(root, "rmi", "example/hello:v1").out()).isEqualTo("Untagged: docker.io/example/hello:v1\n");
    assertThat(CliRun.run(root, "rmi", "example/hello:v2").out())
        .isEqualTo("Untagged: docker.io/example/hello:v2\nDeleted: " + id.hex() + "\n");
    assertThat(ImageStore.open(root).list()).isEmpty();
  }

  @Test
  void removing_by_id_with_several_names_needs_force() throws Exception {
    Digest id = CliRun.storeImage(root, "docker.io/example/hello:v1", "hello");
    CliRun.run(root, "tag", "example/hello:v1", "example/hello:v2");

    CliRun.Result refused = CliRun.run(root, "rmi", id.shortHex());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("please force removal");
    assertThat(CliRun.run(root, "rmi", "-f", id.shortHex()).exitCode()).isZero();
    assertThat(ImageStore.open(root).list()).isEmpty();
  }

  @Test
  void all_removes_every_image() throws Exception {
    CliRun.storeImage(root, "docker.io/example/a:1", "a");
    CliRun.storeImage(root, "docker.io/example/b:1", "b");
    assertThat(CliRun.run(root, "rmi", "-a").exitCode()).isZero();
    assertThat(ImageStore.open(root).list()).isEmpty();
  }

  @Test
  void an_unknown_image_is_an_error_and_nothing_is_removed() throws Exception {
    CliRun.storeImage(root, "docker.io/example/a:1", "a");
    CliRun.Result result = CliRun.run(root, "rmi", "example/a:1", "nope");
    assertThat(result.err()).isEqualTo("Error: image not known: nope\n");
    assertThat(ImageStore.open(root).list()).hasSize(1);
  }
}
