package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.store.External;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubefile manifest}: buildah's manifest-list commands on the store, read back by skopeo and buildah. */
class ManifestCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private String buildFor(Path store, String arch) throws Exception {
    Path ctx = BuildMultiPlatformTest.perArchContext(tmp.resolve("ctx-" + arch));
    CliRun.Result r = CliRun.run(store, "build", "-q", "--save-image=false", "--platform", "linux/" + arch,
        "-t", "test/app:" + arch, ctx.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return "docker.io/test/app:" + arch;
  }

  private CliRun.Result ok(Path store, String... args) {
    CliRun.Result r = CliRun.run(store, args);
    assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r;
  }

  @Test
  void create_add_annotate_remove_inspect_push_and_rm_as_buildah_does() throws Exception {
    Path store = tmp.resolve("store");
    buildFor(store, "amd64");
    buildFor(store, "arm64");

    ok(store, "manifest", "create", "test/list:v1", "test/app:amd64");
    assertThat(CliRun.run(store, "manifest", "exists", "test/list:v1").exitCode()).isZero();
    assertThat(CliRun.run(store, "manifest", "exists", "test/none:v1").exitCode()).isEqualTo(1);
    String armDigest = ok(store, "manifest", "add", "--annotation", "team=ops", "test/list:v1", "test/app:arm64")
        .out().trim();

    JsonNode index = JSON.readTree(External.run("skopeo", "inspect", "--raw",
        "oci:" + store + ":docker.io/test/list:v1"));
    assertThat(index.path("manifests")).hasSize(2);
    assertThat(index.path("manifests").get(1).path("digest").asText()).isEqualTo(armDigest);
    assertThat(index.path("manifests").get(1).path("platform").path("architecture").asText()).isEqualTo("arm64");
    assertThat(index.path("manifests").get(1).path("annotations").path("team").asText()).isEqualTo("ops");

    ok(store, "manifest", "annotate", "--variant", "v8", "test/list:v1", armDigest);
    JsonNode inspected = JSON.readTree(ok(store, "manifest", "inspect", "test/list:v1").out());
    assertThat(inspected.path("manifests").get(1).path("platform").path("variant").asText()).isEqualTo("v8");

    try (RegistryServer registry = RegistryServer.startPlain(tmp.resolve("registry"))) {
      String dest = "docker://" + registry.host() + "/test/list:v1";
      ok(store, "manifest", "push", "--all", "test/list:v1", dest);
      Path conf = Files.writeString(tmp.resolve("registries.conf"),
          "[[registry]]\nlocation = \"" + registry.host() + "\"\ninsecure = true\n");
      JsonNode buildah = JSON.readTree(External.run("buildah", "--registries-conf", conf.toString(),
          "--root", tmp.resolve("buildah").toString(), "--runroot", tmp.resolve("buildah-run").toString(),
          "--storage-driver", "vfs", "manifest", "inspect", registry.host() + "/test/list:v1"));
      assertThat(buildah.path("manifests")).hasSize(2);
    }

    ok(store, "manifest", "remove", "test/list:v1", armDigest);
    assertThat(JSON.readTree(ok(store, "manifest", "inspect", "test/list:v1").out()).path("manifests")).hasSize(1);
    ok(store, "manifest", "rm", "test/list:v1");
    assertThat(CliRun.run(store, "manifest", "exists", "test/list:v1").exitCode()).isEqualTo(1);
    assertThat(CliRun.run(store, "inspect", "test/app:arm64").exitCode()).as("the images stay").isZero();
  }

  @Test
  void inspecting_a_plain_image_or_a_missing_list_is_an_error_naming_it() throws Exception {
    Path store = tmp.resolve("store");
    buildFor(store, "amd64");

    CliRun.Result image = CliRun.run(store, "manifest", "inspect", "test/app:amd64");
    assertThat(image.exitCode()).isNotZero();
    assertThat(image.err()).contains("docker.io/test/app:amd64 is an image, not a manifest list");
    CliRun.Result missing = CliRun.run(store, "manifest", "remove", "test/none:v1", "sha256:" + "0".repeat(64));
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("docker.io/test/none:v1");
  }
}
