package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubefile.store.External;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build --platform linux/amd64,linux/arm64}: one image index, one image per platform with
 * that platform's files; read back by skopeo and unpacked by umoci, never by our own code.
 */
class BuildMultiPlatformTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAME = "docker.io/test/multi:v1";

  @TempDir Path tmp;

  /** A context whose opt/ has a binary per architecture and whose manifests/ is the same for all. */
  static Path perArchContext(Path dir) throws Exception {
    for (String arch : new String[] {"amd64", "arm64"}) {
      Files.createDirectories(dir.resolve("opt/" + arch));
      Files.writeString(dir.resolve("opt/" + arch + "/helm"), "helm for " + arch + "\n");
    }
    Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(dir.resolve("manifests/app.yaml"), "kind: ConfigMap\n");
    Files.writeString(dir.resolve("Kubefile"), """
        FROM scratch
        ARG TARGETARCH
        COPY manifests manifests
        COPY opt/${TARGETARCH} opt
        LABEL arch=${TARGETARCH}
        CMD ["kubectl apply -f manifests"]
        """);
    return dir;
  }

  private CliRun.Result build(Path store, Path context, String... platformArgs) {
    List<String> args = new ArrayList<>(List.of("build", "--save-image=false", "--timestamp", "1700000000",
        "--identity-label=false", "-t", NAME));
    args.addAll(List.of(platformArgs));
    args.add(context.toString());
    return CliRun.run(store, args.toArray(String[]::new));
  }

  @Test
  void two_platforms_give_one_index_whose_images_hold_each_platforms_own_files() throws Exception {
    Path store = tmp.resolve("store");
    CliRun.Result r = build(store, perArchContext(tmp.resolve("ctx")), "--platform", "linux/amd64,linux/arm64");

    assertThat(r.exitCode()).as(r.err()).isZero();
    String raw = External.run("skopeo", "inspect", "--raw", "oci:" + store + ":" + NAME);
    JsonNode index = JSON.readTree(raw);
    assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(index.path("manifests")).hasSize(2);
    assertThat(index.path("manifests").get(0).path("platform").path("architecture").asText()).isEqualTo("amd64");
    assertThat(index.path("manifests").get(1).path("platform").path("architecture").asText()).isEqualTo("arm64");
    Path rawFile = Files.writeString(tmp.resolve("index.json"), raw);
    assertThat("sha256:" + r.out().trim()).as("the index digest is printed")
        .isEqualTo(External.run("skopeo", "manifest-digest", rawFile.toString()).trim());

    List<List<String>> layers = new ArrayList<>();
    for (String arch : new String[] {"amd64", "arm64"}) {
      Path layout = tmp.resolve("oci-" + arch);
      External.run("skopeo", "copy", "--override-arch", arch, "oci:" + store + ":" + NAME, "oci:" + layout + ":img");
      JsonNode config = JSON.readTree(External.run("skopeo", "inspect", "--config", "oci:" + layout + ":img"));
      assertThat(config.path("architecture").asText()).isEqualTo(arch);
      assertThat(config.path("config").path("Labels").path("arch").asText()).isEqualTo(arch);
      Path bundle = tmp.resolve("bundle-" + arch);
      External.run("umoci", "unpack", "--rootless", "--image", layout + ":img", bundle.toString());
      assertThat(Files.readString(bundle.resolve("rootfs/opt/helm"))).isEqualTo("helm for " + arch + "\n");
      assertThat(Files.readString(bundle.resolve("rootfs/manifests/app.yaml"))).isEqualTo("kind: ConfigMap\n");
      JsonNode manifest = JSON.readTree(External.run("skopeo", "inspect", "--raw", "oci:" + layout + ":img"));
      List<String> digests = new ArrayList<>();
      manifest.path("layers").forEach(l -> digests.add(l.path("digest").asText()));
      layers.add(digests);
    }
    assertThat(layers.get(0).get(0)).as("the platform-independent manifests/ layer is one blob")
        .isEqualTo(layers.get(1).get(0));
    assertThat(layers.get(0).get(1)).isNotEqualTo(layers.get(1).get(1));

    Path all = tmp.resolve("all");
    External.run("skopeo", "copy", "--all", "oci:" + store + ":" + NAME, "oci:" + all + ":img");
    assertThat(JSON.readTree(External.run("skopeo", "inspect", "--raw", "oci:" + all + ":img")).path("manifests"))
        .hasSize(2);
  }

  @Test
  void the_index_digest_is_the_same_on_every_run_with_a_timestamp_and_repeated_platform_flags_work()
      throws Exception {
    Path context = perArchContext(tmp.resolve("ctx"));
    CliRun.Result first = build(tmp.resolve("store1"), context, "--platform", "linux/amd64,linux/arm64");
    CliRun.Result second = build(tmp.resolve("store2"), context, "--platform", "linux/amd64",
        "--platform", "linux/arm64");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo(first.out()).matches("[0-9a-f]{64}\\R");
    String digest = "sha256:" + first.out().trim();
    for (String store : new String[] {"store1", "store2"}) {
      Path rawFile = Files.writeString(tmp.resolve(store + ".json"),
          External.run("skopeo", "inspect", "--raw", "oci:" + tmp.resolve(store) + ":" + NAME));
      assertThat(External.run("skopeo", "manifest-digest", rawFile.toString()).trim()).isEqualTo(digest);
    }
  }

  @Test
  void images_lists_the_index_once_and_inspect_shows_it() throws Exception {
    Path store = tmp.resolve("store");
    assertThat(build(store, perArchContext(tmp.resolve("ctx")), "--platform", "linux/amd64,linux/arm64")
        .exitCode()).isZero();

    CliRun.Result images = CliRun.run(store, "images");
    assertThat(images.out().lines().filter(l -> l.contains("test/multi"))).hasSize(1);
  }

  @Test
  void inspect_shows_the_index_and_with_platform_that_platforms_config_in_sealos_shape() throws Exception {
    Path store = tmp.resolve("store");
    assertThat(build(store, perArchContext(tmp.resolve("ctx")), "--platform", "linux/amd64,linux/arm64")
        .exitCode()).isZero();

    CliRun.Result index = CliRun.run(store, "inspect", "test/multi:v1");
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(JSON.readTree(index.out()).path("manifests")).hasSize(2);

    CliRun.Result arm = CliRun.run(store, "inspect", "--platform", "linux/arm64", "test/multi:v1");
    assertThat(arm.exitCode()).as(arm.err()).isZero();
    JsonNode view = JSON.readTree(arm.out());
    assertThat(view.path("Name").asText()).isEqualTo("test/multi:v1");
    assertThat(view.path("OCIv1").path("architecture").asText()).isEqualTo("arm64");
    assertThat(view.path("OCIv1").path("config").path("Labels").path("arch").asText()).isEqualTo("arm64");
  }

  @Test
  void an_oci_archive_keeps_the_index_and_a_docker_archive_needs_a_platform() throws Exception {
    Path store = tmp.resolve("store");
    assertThat(build(store, perArchContext(tmp.resolve("ctx")), "--platform", "linux/amd64,linux/arm64")
        .exitCode()).isZero();

    Path oci = tmp.resolve("multi.tar");
    assertThat(CliRun.run(store, "save", "-q", "-o", oci.toString(), NAME).exitCode()).isZero();
    assertThat(JSON.readTree(External.run("skopeo", "inspect", "--raw", "oci-archive:" + oci)).path("manifests"))
        .hasSize(2);

    Path docker = tmp.resolve("docker.tar");
    CliRun.Result refused = CliRun.run(store, "save", "--format", "docker-archive", "-o", docker.toString(), NAME);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains(NAME + " is a multi-platform image (linux/amd64, linux/arm64) and a"
        + " docker-archive holds one platform: choose it with --platform");
    assertThat(docker).doesNotExist();

    CliRun.Result arm = CliRun.run(store, "save", "-q", "--format", "docker-archive", "--platform", "linux/arm64",
        "-o", docker.toString(), NAME);
    assertThat(arm.exitCode()).as(arm.err()).isZero();
    assertThat(JSON.readTree(External.run("skopeo", "inspect", "--config", "docker-archive:" + docker))
        .path("architecture").asText()).isEqualTo("arm64");
  }
}
