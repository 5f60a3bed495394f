package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same context gives the same bytes: no build time, mtime, user name or order leaks in. */
class ReproducibleBuildTest {
  @TempDir Path tmp;

  private BuildResult build(Path context, String store, Instant timestamp) throws Exception {
    KubefileBuilder builder = KubefileBuilder.forContext(context)
        .store(ImageStore.open(tmp.resolve(store)))
        .platform(Platform.parse("linux/amd64"))
        .tag("docker.io/test/repro:v1");
    if (timestamp != null) {
      builder.timestamp(timestamp);
    }
    return builder.build();
  }

  @Test
  void two_builds_with_a_fixed_timestamp_into_two_stores_have_the_same_manifest_digest() throws Exception {
    Path context = TestContexts.simple(tmp.resolve("ctx"));
    Instant time = Instant.ofEpochSecond(1_600_000_000);

    BuildResult first = build(context, "store1", time);
    touchEverything(context, Instant.now().plusSeconds(3600));
    BuildResult second = build(context, "store2", time);

    assertThat(second.manifest().digest()).isEqualTo(first.manifest().digest());
    assertThat(second.imageId()).isEqualTo(first.imageId());
  }

  @Test
  void layers_are_identical_without_a_timestamp_even_when_file_times_change() throws Exception {
    Path context = TestContexts.simple(tmp.resolve("ctx"));

    BuildResult first = build(context, "store1", null);
    touchEverything(context, Instant.parse("2001-02-03T04:05:06Z"));
    BuildResult second = build(context, "store2", null);

    assertThat(second.config().rootfs().diffIds()).isNotEmpty()
        .isEqualTo(first.config().rootfs().diffIds());
  }

  private static void touchEverything(Path root, Instant time) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        Files.setLastModifiedTime(p, FileTime.from(time));
      }
    }
  }
}
