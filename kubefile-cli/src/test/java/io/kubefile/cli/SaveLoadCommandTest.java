package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Digest;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  @Test
  void save_and_load_take_transport_references_and_a_name_in_them_names_the_one_image() throws Exception {
    Path source = tmp.resolve("source");
    Digest a = CliRun.storeImage(source, "docker.io/example/a:1", "a");
    Path oci = tmp.resolve("renamed.oci.tar");
    Path docker = tmp.resolve("a.docker.tar");
    Path layout = tmp.resolve("layout");
    Path registry = tmp.resolve("context/registry");
    for (String destination : List.of("oci-archive:" + oci + ":example/renamed:2", "docker-archive:" + docker,
        "oci:" + layout, "registry-dir:" + registry)) {
      CliRun.Result saved = CliRun.run(source, "save", "-o", destination, "example/a:1");
      assertThat(saved.exitCode()).as(saved.err()).isZero();
    }
    assertThat(CliRun.run(source, "save", "-q", "-o", "oci:" + layout, "example/a:1").err()).isEmpty();
    assertThat(CliRun.run(source, "save", "-o", "registry-dir:" + registry, "example/a:1").err())
        .isEqualTo("Wrote 1 image to registry-dir:" + registry + "\n");

    Map<String, String> loads = new LinkedHashMap<>();
    loads.put("oci-archive:" + oci, "docker.io/example/renamed:2");
    loads.put("docker-archive:" + docker + ":example/a:1", "docker.io/example/a:1");
    loads.put("oci:" + layout + ":docker.io/example/a:1", "docker.io/example/a:1");
    loads.put("registry-dir:" + registry + ":example/a:1", "docker.io/example/a:1");
    int n = 0;
    for (Map.Entry<String, String> load : loads.entrySet()) {
      Path target = tmp.resolve("target-" + n++);
      CliRun.Result loaded = CliRun.run(target, "load", "-i", load.getKey());
      assertThat(loaded.out()).as(load.getKey() + ": " + loaded.err()).isEqualTo("Loaded image: " + load.getValue() + "\n");
      assertThat(ImageStore.open(target).resolve(load.getValue()).orElseThrow().id()).as(load.getKey()).isEqualTo(a);
    }
    External.assumeInstalled("skopeo");
    assertThat(External.run("skopeo", "inspect", "--format", "{{.Digest}}", "oci:" + layout + ":docker.io/example/a:1"))
        .startsWith("sha256:");
  }

  @Test
  void reference_errors_name_the_reference() throws Exception {
    Path source = tmp.resolve("source");
    CliRun.storeImage(source, "docker.io/example/a:1", "a");
    CliRun.storeImage(source, "docker.io/example/b:1", "b");
    Path archive = tmp.resolve("a.tar");
    assertThat(CliRun.run(source, "save", "--format", "docker-archive", "-o", "oci-archive:" + archive, "example/a:1").err())
        .isEqualTo("Error: --format docker-archive contradicts -o oci-archive:" + archive + ": give one of them\n");
    assertThat(CliRun.run(source, "save", "-o", "oci-archive:" + archive + ":x:1", "example/a:1", "example/b:1").err())
        .isEqualTo("Error: save to oci-archive:" + archive + ":x:1: a name in the destination names one image, not 2;"
            + " save to oci-archive:" + archive + " instead\n");
    assertThat(archive).doesNotExist();
    CliRun.run(source, "save", "-o", "oci-archive:" + archive, "example/a:1");
    assertThat(CliRun.run(source, "load", "-i", "docker-archive:" + archive).err())
        .isEqualTo("Error: not a docker-archive (it is an oci-archive): " + archive + "\n");
    assertThat(CliRun.run(source, "inspect", "oci-archive:" + archive + ":wrongname").err())
        .isEqualTo("Error: oci-archive:" + archive + " holds no image named wrongname; it holds docker.io/example/a:1\n");
    assertThat(CliRun.run(source, "load", "-i", "registry-dir:" + tmp.resolve("none") + ":a:1").err())
        .isEqualTo("Error: not a registry directory (no docker/registry/v2): registry-dir:" + tmp.resolve("none") + ":a:1\n");
  }
}
