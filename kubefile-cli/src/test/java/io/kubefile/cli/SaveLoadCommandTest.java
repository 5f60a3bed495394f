package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Digest;
import io.kubefile.store.ImageStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveLoadCommandTest {
  @TempDir Path tmp;

  @Test
  void save_then_load_restores_names_and_ids_in_both_formats() throws Exception {
    Path source = tmp.resolve("source");
    Digest a = CliRun.storeImage(source, "docker.io/example/a:1", "a");
    Digest b = CliRun.storeImage(source, "docker.io/example/b:1", "b");
    for (String format : new String[] {"oci-archive", "docker-archive"}) {
      Path archive = tmp.resolve(format + ".tar");
      CliRun.Result saved = CliRun.run(source, "save", "-o", archive.toString(), "--format", format, "example/a:1", "example/b:1");
      assertThat(saved.exitCode()).as(saved.err()).isZero();

      Path target = tmp.resolve("target-" + format);
      CliRun.Result loaded = CliRun.run(target, "load", "-i", archive.toString());
      assertThat(loaded.out()).isEqualTo("Loaded image: docker.io/example/a:1\nLoaded image: docker.io/example/b:1\n");
      ImageStore store = ImageStore.open(target);
      assertThat(store.resolve("docker.io/example/a:1").orElseThrow().id()).isEqualTo(a);
      assertThat(store.resolve("docker.io/example/b:1").orElseThrow().id()).isEqualTo(b);
    }
  }

  @Test
  void saving_by_id_gives_an_unnamed_image() throws Exception {
    Path source = tmp.resolve("source");
    Digest a = CliRun.storeImage(source, "docker.io/example/a:1", "a");
    Path archive = tmp.resolve("a.tar");
    CliRun.run(source, "save", "-o", archive.toString(), a.shortHex());
    assertThat(CliRun.run(tmp.resolve("target"), "load", "-i", archive.toString()).out())
        .isEqualTo("Loaded image: " + a + "\n");
  }

  @Test
  void errors_are_one_clear_line() throws Exception {
    Path source = tmp.resolve("source");
    CliRun.storeImage(source, "docker.io/example/a:1", "a");
    assertThat(CliRun.run(source, "save", "-o", tmp.resolve("x.tar").toString(), "nope").err())
        .isEqualTo("Error: image not known: nope\n");
    assertThat(CliRun.run(source, "save", "-o", tmp.resolve("x.tar").toString(), "--format", "zip", "example/a:1").err())
        .startsWith("Error: unknown archive format \"zip\"");
    assertThat(CliRun.run(source, "load", "-i", tmp.resolve("missing.tar").toString()).err())
        .startsWith("Error: no such archive:");
    assertThat(tmp.resolve("x.tar")).doesNotExist();
  }
}
