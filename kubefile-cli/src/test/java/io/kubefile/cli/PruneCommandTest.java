package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneCommandTest {
  @TempDir Path root;

  @Test
  void frees_the_blobs_of_removed_images() throws Exception {
    CliRun.storeImage(root, "docker.io/example/a:1", "a");
    CliRun.storeImage(root, "docker.io/example/b:1", "b");
    CliRun.run(root, "rmi", "example/a:1");

    CliRun.Result result = CliRun.run(root, "prune");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines().filter(l -> l.startsWith("Deleted: sha256:"))).hasSize(3);
    assertThat(result.out()).containsPattern("Total reclaimed space: \\d[\\d.]* k?B");
    assertThat(CliRun.run(root, "inspect", "example/b:1").exitCode()).isZero();
    assertThat(CliRun.run(root, "prune").out()).isEqualTo("Total reclaimed space: 0 B\n");
  }
}
