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

  private static JsonNode skopeoRaw(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("skopeo", "inspect", "--raw"));
    command.addAll(java.util.List.of(args));
    return JSON.readTree(External.run(command.toArray(String[]::new)));
  }

  private static java.util.List<String> architectures(JsonNode index) {
    java.util.List<String> archs = new java.util.ArrayList<>();
    index.path("manifests").forEach(m -> archs.add(m.path("platform").path("architecture").asText()));
    return archs;
  }

  @Test
  void add_takes_images_from_a_registry_a_layout_and_both_archive_kinds_and_all_of_an_index() throws Exception {
    Path source = tmp.resolve("source");
    buildFor(source, "amd64");
    buildFor(source, "arm64");
    CliRun.Result multi = CliRun.run(source, "build", "-q", "--save-image=false", "--platform",
        "linux/amd64,linux/arm64", "-t", "test/app:multi",
        BuildMultiPlatformTest.perArchContext(tmp.resolve("ctx-multi")).toString());
    assertThat(multi.exitCode()).as(multi.err()).isZero();
    Path store = tmp.resolve("store");

    try (RegistryServer registry = RegistryServer.startPlain(tmp.resolve("registry"))) {
      String host = registry.host();
      ok(source, "push", "test/app:amd64", "docker://" + host + "/test/app:amd64");
      ok(source, "push", "--all", "test/app:multi", "docker://" + host + "/test/app:multi");
      ok(source, "push", "test/app:arm64", "oci-archive:" + tmp.resolve("arm64.tar"));
      ok(source, "push", "test/app:amd64", "docker-archive:" + tmp.resolve("amd64.tar"));
      ok(source, "push", "test/app:arm64", "oci:" + tmp.resolve("layout") + ":app");

      ok(store, "manifest", "create", "test/list:v1");
      ok(store, "manifest", "add", "test/list:v1", "docker://" + host + "/test/app:amd64");
      ok(store, "manifest", "add", "test/list:v1", "oci-archive:" + tmp.resolve("arm64.tar"));
      ok(store, "manifest", "add", "--annotation", "from=docker-archive", "test/list:v1",
          "docker-archive:" + tmp.resolve("amd64.tar"));
      ok(store, "manifest", "add", "--arch", "arm64", "test/list:v1", "oci:" + tmp.resolve("layout") + ":app");
      ok(store, "manifest", "create", "test/all:v1");
      ok(store, "manifest", "add", "--all", "test/all:v1", "docker://" + host + "/test/app:multi");
      ok(store, "manifest", "add", "--arch", "arm64", "test/all:v1", "docker://" + host + "/test/app:multi");

      JsonNode list = skopeoRaw("oci:" + store + ":docker.io/test/list:v1");
      assertThat(architectures(list)).as("the arm64 image from the archive and from the layout is one entry,"
          + " as buildah keeps it: " + list).containsExactly("amd64", "amd64", "arm64");
      JsonNode all = skopeoRaw("oci:" + store + ":docker.io/test/all:v1");
      assertThat(architectures(all)).as("--all adds every platform; the index's arm64 image again adds nothing")
          .containsExactly("amd64", "arm64");
      assertThat(all.path("manifests").get(1).path("digest").asText()).as("the registry's arm64 image, as pushed")
          .isEqualTo(skopeoRaw("--tls-verify=false", "docker://" + host + "/test/app:multi")
              .path("manifests").get(1).path("digest").asText());
      // every blob of every entry is in the store: skopeo copies the whole list out of it
      External.run("skopeo", "copy", "--all", "oci:" + store + ":docker.io/test/list:v1", "oci:" + tmp.resolve("out") + ":list");

      ok(store, "manifest", "push", "test/list:v1", "docker://" + host + "/test/list:v1");
      Path conf = Files.writeString(tmp.resolve("registries.conf"),
          "[[registry]]\nlocation = \"" + host + "\"\ninsecure = true\n");
      JsonNode buildah = JSON.readTree(External.run("buildah", "--registries-conf", conf.toString(),
          "--root", tmp.resolve("buildah").toString(), "--runroot", tmp.resolve("buildah-run").toString(),
          "--storage-driver", "vfs", "manifest", "inspect", host + "/test/list:v1"));
      assertThat(architectures(buildah)).containsExactly("amd64", "amd64", "arm64");
      assertThat(buildah.toString()).contains("\"from\":\"docker-archive\"");
    }
  }

  @Test
  void add_of_a_missing_list_copies_nothing_and_names_the_list() throws Exception {
    Path source = tmp.resolve("source");
    buildFor(source, "amd64");
    ok(source, "push", "test/app:amd64", "oci-archive:" + tmp.resolve("amd64.tar"));

    CliRun.Result r = CliRun.run(tmp.resolve("store"), "manifest", "add", "test/none:v1",
        "oci-archive:" + tmp.resolve("amd64.tar"));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("docker.io/test/none:v1");
  }

  @Test
  void push_takes_the_registry_flags_of_push() throws Exception {
    Path store = tmp.resolve("store");
    buildFor(store, "amd64");
    ok(store, "manifest", "create", "test/list:v1", "test/app:amd64");

    Path dir = Files.createDirectories(tmp.resolve("registry"));
    try (RegistryServer registry = RegistryServer.startWithBasicAuth(dir, "alice", "s3cret")) {
      String dest = "docker://" + registry.host() + "/test/list:v1";
      Path noAuth = Files.writeString(tmp.resolve("empty-auth.json"), "{}");
      CliRun.Result refused = CliRun.run(store, "manifest", "push", "--authfile", noAuth.toString(), "-q",
          "test/list:v1", dest);
      assertThat(refused.exitCode()).isNotZero();

      ok(store, "manifest", "push", "--creds", "alice:s3cret", "--tls-verify=false", "--retry", "1",
          "--compression-format", "none", "-q", "test/list:v1", dest);

      JsonNode pushed = skopeoRaw("--tls-verify=false", "--creds", "alice:s3cret", dest);
      assertThat(architectures(pushed)).containsExactly("amd64");
    }
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
