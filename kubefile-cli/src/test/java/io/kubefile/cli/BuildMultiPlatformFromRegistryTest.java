package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.store.External;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-platform build against a loopback docker-registry: FROM takes each platform's base out of
 * the base's index, each platform's registry/ holds its own platform's images (checked by serving
 * it with docker-registry and asking for the architecture), and podman pulls each platform.
 */
class BuildMultiPlatformFromRegistryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  @RegisterExtension static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.startPlain(shared.resolve("registry")));
  static String base;

  @TempDir Path tmp;

  @BeforeAll
  static void pushTwoPlatformBase() throws Exception {
    base = registry.get().host() + "/test/base:v1";
    Path ctx = BuildMultiPlatformTest.perArchContext(shared.resolve("base-ctx"));
    Path store = shared.resolve("base-store");
    CliRun.Result built = CliRun.run(store, "build", "-q", "--save-image=false", "--platform",
        "linux/amd64,linux/arm64", "-t", base, ctx.toString());
    assertThat(built.exitCode()).as(built.err()).isZero();
    CliRun.Result pushed = CliRun.run(store, "push", "-q", "--all", base);
    assertThat(pushed.exitCode()).as(pushed.err()).isZero();
  }

  private Path appContext(String kubefile) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("app/manifests"));
    Files.writeString(ctx.resolve("deploy.yaml"), "spec:\n  containers:\n  - image: " + base + "\n");
    Files.writeString(tmp.resolve("app/Kubefile"), kubefile);
    return tmp.resolve("app");
  }

  private static JsonNode json(String... command) throws Exception {
    return JSON.readTree(External.run(command));
  }

  @Test
  void each_platform_gets_its_own_base_and_a_registry_dir_with_its_own_platforms_images() throws Exception {
    Path store = tmp.resolve("store");
    Path ctx = appContext("FROM " + base + "\nCOPY manifests manifests\nCOPY registry registry\n");
    CliRun.Result r = CliRun.run(store, "build", "--platform", "linux/amd64,linux/arm64",
        "-t", "test/app:v1", ctx.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("registry/: one per platform, each with its own platform's images");
    assertThat(ctx.resolve("registry")).as("the user's context is not written to").doesNotExist();
    for (String arch : new String[] {"amd64", "arm64"}) {
      Path layout = tmp.resolve("oci-" + arch);
      External.run("skopeo", "copy", "--override-arch", arch, "oci:" + store + ":docker.io/test/app:v1",
          "oci:" + layout + ":img");
      Path bundle = tmp.resolve("bundle-" + arch);
      External.run("umoci", "unpack", "--rootless", "--image", layout + ":img", bundle.toString());
      assertThat(Files.readString(bundle.resolve("rootfs/opt/helm"))).as("the base's file for " + arch)
          .isEqualTo("helm for " + arch + "\n");

      try (RegistryServer served = RegistryServer.serve(bundle.resolve("rootfs/registry"), tmp.resolve("serve-" + arch))) {
        String saved = "docker://" + served.host() + "/test/base:v1";
        JsonNode raw = json("skopeo", "inspect", "--raw", "--tls-verify=false", saved);
        assertThat(raw.has("manifests")).as("one platform's image, not the index").isFalse();
        assertThat(json("skopeo", "inspect", "--config", "--tls-verify=false", saved).path("architecture").asText())
            .isEqualTo(arch);
      }
    }
  }

  /** Every entry under {@code root}: type, permissions, time and content digest, as umoci extracted it. */
  private static java.util.Map<String, String> tree(Path root) throws Exception {
    java.util.Map<String, String> tree = new java.util.TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        var attrs = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class,
            java.nio.file.LinkOption.NOFOLLOW_LINKS);
        String content = attrs.isRegularFile()
            ? io.kubefile.image.Digest.sha256(Files.readAllBytes(p)).toString()
            : attrs.isSymbolicLink() ? Files.readSymbolicLink(p).toString() : "";
        tree.put(root.relativize(p).toString(), (attrs.isDirectory() ? "d " : attrs.isRegularFile() ? "f " : "l ")
            + java.nio.file.attribute.PosixFilePermissions.toString(attrs.permissions()) + " "
            + attrs.lastModifiedTime().toMillis() + " " + attrs.size() * (attrs.isDirectory() ? 0 : 1) + " " + content);
      }
    }
    return tree;
  }

  private static long blobBytes(Path store) throws Exception {
    try (var walk = Files.walk(store.resolve("blobs"))) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static java.util.List<String> layerDigests(Path layout) throws Exception {
    java.util.List<String> digests = new java.util.ArrayList<>();
    json("skopeo", "inspect", "--raw", "oci:" + layout + ":img").path("layers")
        .forEach(l -> digests.add(l.path("digest").asText() + " " + l.path("size").asLong()));
    return digests;
  }

  @Test
  void blobs_the_platforms_registry_dirs_share_are_one_layer_stored_once_and_each_tree_is_unchanged()
      throws Exception {
    // A two-platform base whose images share a 3 MB layer (random, so gzip does not shrink it).
    byte[] big = new byte[3 << 20];
    new java.util.Random(42).nextBytes(big);
    Path baseCtx = BuildMultiPlatformTest.perArchContext(tmp.resolve("big-ctx"));
    Files.createDirectories(baseCtx.resolve("big"));
    Files.write(baseCtx.resolve("big/data.bin"), big);
    Files.writeString(baseCtx.resolve("Kubefile"), "FROM scratch\nARG TARGETARCH\nCOPY big big\n"
        + "COPY opt/${TARGETARCH} opt\n");
    String bigBase = registry.get().host() + "/test/bigbase:v1";
    Path baseStore = tmp.resolve("base-store");
    assertThat(CliRun.run(baseStore, "build", "-q", "--save-image=false", "--platform", "linux/amd64,linux/arm64",
        "-t", bigBase, baseCtx.toString()).exitCode()).isZero();
    assertThat(CliRun.run(baseStore, "push", "-q", "--all", bigBase).exitCode()).isZero();
    Path ctx = Files.createDirectories(tmp.resolve("app/manifests"));
    Files.writeString(ctx.resolve("deploy.yaml"), "spec:\n  containers:\n  - image: " + bigBase + "\n");
    Files.writeString(tmp.resolve("app/Kubefile"), "FROM scratch\nCOPY . .\n");
    Path app = tmp.resolve("app");

    Path multi = tmp.resolve("multi");
    CliRun.Result r = CliRun.run(multi, "build", "--timestamp", "1700000000", "--platform", "linux/amd64,linux/arm64",
        "-t", "test/app:v1", app.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    // Today's layers, for comparison: each platform built alone (no split), into one store.
    Path single = tmp.resolve("single");
    for (String arch : new String[] {"amd64", "arm64"}) {
      Path own = Files.createDirectories(tmp.resolve("app-" + arch + "/manifests")).getParent(); // registry/ goes here
      Files.copy(app.resolve("Kubefile"), own.resolve("Kubefile"));
      Files.copy(app.resolve("manifests/deploy.yaml"), own.resolve("manifests/deploy.yaml"));
      CliRun.Result one = CliRun.run(single, "build", "--timestamp", "1700000000", "--platform", "linux/" + arch,
          "-t", "test/app:" + arch, own.toString());
      assertThat(one.exitCode()).as(one.err()).isZero();
    }

    java.util.List<java.util.List<String>> layers = new java.util.ArrayList<>();
    for (String arch : new String[] {"amd64", "arm64"}) {
      Path layout = tmp.resolve("oci-" + arch);
      External.run("skopeo", "copy", "--override-arch", arch, "oci:" + multi + ":docker.io/test/app:v1",
          "oci:" + layout + ":img");
      layers.add(layerDigests(layout));
      Path bundle = tmp.resolve("bundle-" + arch);
      External.run("umoci", "unpack", "--rootless", "--image", layout + ":img", bundle.toString());
      Path alone = tmp.resolve("alone-" + arch);
      External.run("skopeo", "copy", "oci:" + single + ":docker.io/test/app:" + arch, "oci:" + alone + ":img");
      Path aloneBundle = tmp.resolve("alone-bundle-" + arch);
      External.run("umoci", "unpack", "--rootless", "--image", alone + ":img", aloneBundle.toString());
      assertThat(tree(bundle.resolve("rootfs"))).as("the " + arch + " tree is what a build of " + arch + " alone gives")
          .isEqualTo(tree(aloneBundle.resolve("rootfs")));
      assertThat(layerDigests(alone)).as("alone, registry/ is in one layer").hasSize(1);

      try (RegistryServer served = RegistryServer.serve(bundle.resolve("rootfs/registry"), tmp.resolve("serve-" + arch))) {
        String saved = "docker://" + served.host() + "/test/bigbase:v1";
        assertThat(json("skopeo", "inspect", "--config", "--tls-verify=false", saved).path("architecture").asText())
            .isEqualTo(arch);
        External.run("skopeo", "copy", "--src-tls-verify=false", saved, "oci:" + tmp.resolve("copied-" + arch) + ":img");
      }
    }
    assertThat(layers.get(0)).hasSize(2);
    assertThat(layers.get(0).get(0)).as("what both platforms' registry/ have is one layer").isEqualTo(layers.get(1).get(0));
    assertThat(Long.parseLong(layers.get(0).get(0).split(" ")[1])).as("and it holds the shared blob")
        .isGreaterThan(big.length);
    assertThat(layers.get(0).get(1)).isNotEqualTo(layers.get(1).get(1));
    assertThat(Long.parseLong(layers.get(0).get(1).split(" ")[1])).as("each platform's own part is small")
        .isLessThan(big.length / 10);

    assertThat(CliRun.run(multi, "prune").exitCode()).isZero();
    assertThat(CliRun.run(single, "prune").exitCode()).isZero();
    long before = blobBytes(single);
    long after = blobBytes(multi);
    System.out.printf("store blobs: two platforms split %d bytes, each platform's registry/ in its own layer %d bytes%n",
        after, before);
    assertThat(after).as("the shared blob is stored once, not once per platform").isLessThan(before - big.length + (1 << 20));
  }

  @Test
  void a_rebuild_sees_every_change_to_the_context_and_leaves_unchanged_files_linked_as_they_were()
      throws Exception {
    Path store = tmp.resolve("store");
    Path ctx = appContext("FROM scratch\nCOPY . .\n");
    Files.createDirectories(ctx.resolve("opt"));
    Files.writeString(ctx.resolve("opt/tool"), "tool v1\n");
    Files.writeString(ctx.resolve("opt/old"), "to be removed\n");
    String[] build = {"build", "--platform", "linux/amd64,linux/arm64", "-t", "test/app:v1", ctx.toString()};
    CliRun.Result first = CliRun.run(store, build);
    assertThat(first.exitCode()).as(first.err()).isZero();

    Object unchangedCtime = Files.getAttribute(ctx.resolve("manifests/deploy.yaml"), "unix:ctime");
    Files.writeString(ctx.resolve("opt/tool"), "tool v2\n"); // in place: same inode, new content
    Files.delete(ctx.resolve("opt/old"));
    Files.writeString(ctx.resolve("opt/new"), "added\n");
    CliRun.Result second = CliRun.run(store, build);

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(Files.getAttribute(ctx.resolve("manifests/deploy.yaml"), "unix:ctime"))
        .as("an unchanged file is not linked again (a new link would change its ctime and miss the layer cache)")
        .isEqualTo(unchangedCtime);
    for (String arch : new String[] {"amd64", "arm64"}) {
      Path layout = tmp.resolve("oci-" + arch);
      External.run("skopeo", "copy", "--override-arch", arch, "oci:" + store + ":docker.io/test/app:v1",
          "oci:" + layout + ":img");
      Path rootfs = tmp.resolve("bundle-" + arch).resolve("rootfs");
      External.run("umoci", "unpack", "--rootless", "--image", layout + ":img", rootfs.getParent().toString());
      assertThat(Files.readString(rootfs.resolve("opt/tool"))).isEqualTo("tool v2\n");
      assertThat(Files.readString(rootfs.resolve("opt/new"))).isEqualTo("added\n");
      assertThat(rootfs.resolve("opt/old")).doesNotExist();
      try (RegistryServer served = RegistryServer.serve(rootfs.resolve("registry"), tmp.resolve("serve-" + arch))) {
        assertThat(json("skopeo", "inspect", "--config", "--tls-verify=false",
            "docker://" + served.host() + "/test/base:v1").path("architecture").asText())
            .as("registry/ saved by the first build is still there").isEqualTo(arch);
      }
    }
    assertThat(ctx.resolve("registry")).as("the user's context is not written to").doesNotExist();
  }

  @Test
  void with_all_one_registry_dir_keeps_the_full_index_for_every_platform() throws Exception {
    Path store = tmp.resolve("store");
    Path ctx = appContext("FROM scratch\nCOPY registry registry\n");
    CliRun.Result r = CliRun.run(store, "build", "--all", "--platform", "linux/amd64,linux/arm64",
        "-t", "test/app:v1", ctx.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("registry/: one for every platform, with each image's full index (--all)");
    try (RegistryServer served = RegistryServer.serve(ctx.resolve("registry"), tmp.resolve("serve"))) {
      JsonNode raw = json("skopeo", "inspect", "--raw", "--tls-verify=false",
          "docker://" + served.host() + "/test/base:v1");
      assertThat(raw.path("manifests")).hasSize(2);
    }
  }

  @Test
  void a_base_without_the_platform_is_an_error_naming_both() throws Exception {
    Path ctx = appContext("FROM " + base + "\n");
    CliRun.Result r = CliRun.run(tmp.resolve("store"), "build", "--save-image=false", "--platform",
        "linux/amd64,linux/s390x", ctx.toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains(base).contains("linux/s390x").contains("linux/amd64, linux/arm64");
  }

  @Test
  void podman_pulls_each_platform_of_the_pushed_index() throws Exception {
    External.assumeInstalled("podman");
    Path store = tmp.resolve("store");
    String app = registry.get().host() + "/test/app:v1";
    Path ctx = appContext("FROM " + base + "\nCOPY manifests manifests\n");
    assertThat(CliRun.run(store, "build", "--save-image=false", "--platform", "linux/amd64,linux/arm64",
        "-t", app, ctx.toString()).exitCode()).isZero();
    CliRun.Result push = CliRun.run(store, "push", "-q", "--all", app);
    assertThat(push.exitCode()).as(push.err()).isZero();

    String root = tmp.resolve("podman").toString();
    String runroot = tmp.resolve("podman-run").toString();
    for (String arch : new String[] {"amd64", "arm64"}) {
      External.run("podman", "--root", root, "--runroot", runroot, "--storage-driver", "vfs", "pull",
          "-q", "--tls-verify=false", "--arch", arch, app);
      assertThat(External.run("podman", "--root", root, "--runroot", runroot, "--storage-driver", "vfs",
          "image", "inspect", "--format", "{{.Architecture}}", app).trim()).isEqualTo(arch);
    }
    // buildah 1.28's manifest inspect has no --tls-verify: registries.conf marks the loopback registry insecure.
    Path conf = Files.writeString(tmp.resolve("registries.conf"),
        "[[registry]]\nlocation = \"" + registry.get().host() + "\"\ninsecure = true\n");
    JsonNode buildah = json("buildah", "--registries-conf", conf.toString(), "--root", tmp.resolve("buildah").toString(),
        "--runroot", tmp.resolve("buildah-run").toString(), "--storage-driver", "vfs", "manifest", "inspect", app);
    assertThat(buildah.path("manifests")).hasSize(2);
    assertThat(buildah.path("manifests").get(1).path("platform").path("architecture").asText()).isEqualTo("arm64");
  }
}
