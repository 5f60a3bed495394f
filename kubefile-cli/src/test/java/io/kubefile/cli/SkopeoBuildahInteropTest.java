package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with the containers/image tools (issue #4): what kubefile pushes, skopeo and buildah read
 * with the same digests and config; what skopeo and buildah push (single images in both formats, and
 * multi-arch indexes they assemble), kubefile pulls. Everything talks to a real loopback docker-registry.
 */
class SkopeoBuildahInteropTest {
  static final Path SKOPEO = Path.of("/usr/bin/skopeo");
  static final Path BUILDAH = Path.of("/usr/bin/buildah");

  @TempDir static Path registryDir;
  @RegisterExtension static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.startPlain(registryDir));

  @TempDir Path root;
  @TempDir Path otherRoot;
  @TempDir Path work;

  // --- 1. kubefile push -> skopeo -------------------------------------------------------------------------

  @Test
  void whatKubefilePushesUncompressedSkopeoReadsWithTheSameDigest() throws Exception {
    assumeTrue(Files.isExecutable(SKOPEO), "skopeo is not installed");
    String name = registry.get().host() + "/interop/pushed:v1";
    kubefileBuild(root, name, null, "pushed");

    CliRun.Result push = CliRun.run(root, "push", "-q", "--compression-format", "none", name);

    assertThat(push.exitCode()).as(push.err()).isZero();
    StoredImage stored = ImageStore.open(root).findByName(name).orElseThrow();
    Digest manifestDigest = stored.manifestDescriptor().digest();
    assertThat(push.out().trim()).isEqualTo(registry.get().host() + "/interop/pushed@" + manifestDigest);
    byte[] raw = run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + name));
    assertThat(Digest.sha256(raw)).isEqualTo(manifestDigest);
    assertThat(raw).isEqualTo(ImageStore.open(root).readBlob(manifestDigest));
    byte[] rawConfig = run(List.of("skopeo", "inspect", "--raw", "--config", "--tls-verify=false", "docker://" + name));
    assertThat(Digest.sha256(rawConfig)).isEqualTo(stored.id());
    JsonNode inspect = json(run(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + name)));
    assertThat(inspect.path("Digest").asText()).isEqualTo(manifestDigest.toString());
    assertThat(inspect.path("Labels").path("interop").asText()).isEqualTo("pushed");

    // skopeo copy verifies every blob's digest while copying. Asked to keep digests, it writes our manifest
    // unchanged (our layers are uncompressed tars, which the oci: transport otherwise gzips).
    Path layout = work.resolve("layout");
    run(List.of("skopeo", "copy", "-q", "--src-tls-verify=false", "--preserve-digests",
        "--dest-oci-accept-uncompressed-layers", "docker://" + name, "oci:" + layout + ":v1"));
    JsonNode index = json(Files.readAllBytes(layout.resolve("index.json")));
    assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(manifestDigest.toString());
    assertBlobsMatchTheirNames(layout);
    assertThat(blob(layout, manifestDigest.toString())).isEqualTo(raw);
    // By default skopeo gzips the layers on the way: a new manifest, but the same config (diff_ids) and image ID.
    Path compressed = work.resolve("compressed");
    run(List.of("skopeo", "copy", "-q", "--src-tls-verify=false", "docker://" + name, "oci:" + compressed + ":v1"));
    assertBlobsMatchTheirNames(compressed);
    JsonNode copied = json(run(List.of("skopeo", "inspect", "--raw", "oci:" + compressed + ":v1")));
    assertThat(copied.path("config").path("digest").asText()).isEqualTo(stored.id().toString());
    assertThat(copied.path("layers").get(0).path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
  }

  @Test
  void whatKubefilePushesGzippedSkopeoCopiesAndKubefilePullsAsTheSameImage() throws Exception {
    assumeTrue(Files.isExecutable(SKOPEO), "skopeo is not installed");
    String name = registry.get().host() + "/interop/gzipped:v1";
    Digest id = kubefileBuild(root, name, null, "gzipped");

    CliRun.Result push = CliRun.run(root, "push", "-q", name);

    assertThat(push.exitCode()).as(push.err()).isZero();
    StoredImage stored = ImageStore.open(root).findByName(name).orElseThrow();
    byte[] raw = run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + name));
    assertThat(push.out().trim()).isEqualTo(registry.get().host() + "/interop/gzipped@" + Digest.sha256(raw));
    JsonNode manifest = json(raw);
    assertThat(manifest.path("config").path("digest").asText()).isEqualTo(id.toString());
    assertThat(manifest.path("layers")).hasSameSizeAs(stored.manifest().layers());
    manifest.path("layers").forEach(layer ->
        assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip"));
    // skopeo verifies every blob while copying; our gzipped layers pass through unchanged.
    Path layout = work.resolve("gzipped");
    run(List.of("skopeo", "copy", "-q", "--src-tls-verify=false", "--preserve-digests",
        "docker://" + name, "oci:" + layout + ":v1"));
    assertBlobsMatchTheirNames(layout);
    assertThat(blob(layout, Digest.sha256(raw).toString())).isEqualTo(raw);

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", name);
    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.out().trim()).isEqualTo(id.hex());
    StoredImage pulled = ImageStore.open(otherRoot).findByName(name).orElseThrow();
    assertThat(pulled.config().rootfs().diffIds()).isEqualTo(stored.config().rootfs().diffIds());
  }

  // --- 2. buildah/skopeo-assembled index -> kubefile pull --------------------------------------------------

  @Test
  void aMultiArchIndexAssembledByBuildahAndCopiedBySkopeoIsPulledPerPlatform() throws Exception {
    assumeTrue(Files.isExecutable(SKOPEO), "skopeo is not installed");
    assumeTrue(Files.isExecutable(BUILDAH), "buildah is not installed");
    String repo = registry.get().host() + "/interop/app";
    Digest amd64Id = kubefileBuild(root, repo + ":amd64", "linux/amd64", "amd64");
    Digest arm64Id = kubefileBuild(root, repo + ":arm64", "linux/arm64", "arm64");
    for (String tag : List.of("amd64", "arm64")) {
      CliRun.Result push = CliRun.run(root, "push", "-q", repo + ":" + tag);
      assertThat(push.exitCode()).as(push.err()).isZero();
    }
    Path storage = work.resolve("buildah");
    buildah(storage, "manifest", "create", "localhost/interop-list");
    for (String tag : List.of("amd64", "arm64")) {
      buildah(storage, "manifest", "add", "--tls-verify=false", "localhost/interop-list", "docker://" + repo + ":" + tag);
    }
    buildah(storage, "manifest", "push", "--all", "--tls-verify=false", "localhost/interop-list",
        "docker://" + repo + ":multi");
    // skopeo copies the whole index on, once as it is and once converted to a Docker manifest list.
    run(List.of("skopeo", "copy", "-q", "--multi-arch", "all", "--src-tls-verify=false", "--dest-tls-verify=false",
        "docker://" + repo + ":multi", "docker://" + repo + ":copied"));

    for (String tag : List.of("multi", "copied")) {
      String name = repo + ":" + tag;
      byte[] rawIndex = run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + name));
      JsonNode index = json(rawIndex);
      assertThat(index.path("manifests")).as(tag).hasSize(2);
      Path store = work.resolve("pulled-" + tag);

      CliRun.Result arm = CliRun.run(store, "pull", "-q", "--platform", "linux/arm64", name);
      assertThat(arm.exitCode()).as(arm.err()).isZero();
      assertThat(arm.out().trim()).isEqualTo(arm64Id.hex());
      assertThat(inspectArchitecture(store, name)).isEqualTo("arm64");

      CliRun.Result amd = CliRun.run(store, "pull", "-q", "--platform", "linux/amd64", name);
      assertThat(amd.exitCode()).as(amd.err()).isZero();
      assertThat(amd.out().trim()).isEqualTo(amd64Id.hex());
      assertThat(inspectArchitecture(store, name)).isEqualTo("amd64");

      Path allStore = work.resolve("all-" + tag);
      CliRun.Result all = CliRun.run(allStore, "pull", "-q", "--all", name);
      assertThat(all.exitCode()).as(all.err()).isZero();
      ImageStore pulled = ImageStore.open(allStore);
      StoredImage image = pulled.findByName(name).orElseThrow();
      assertThat(image.entry().digest()).as("the index is kept byte for byte").isEqualTo(Digest.sha256(rawIndex));
      for (JsonNode child : index.path("manifests")) {
        assertThat(pulled.hasBlob(Digest.parse(child.path("digest").asText()))).isTrue();
      }
      assertThat(pulled.hasBlob(amd64Id)).isTrue();
      assertThat(pulled.hasBlob(arm64Id)).isTrue();
      CliRun.Result inspect = CliRun.run(allStore, "inspect", name);
      assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    }
  }

  // --- 3. buildah push (docker v2s2 and OCI) -> kubefile pull ----------------------------------------------

  @Test
  void whatBuildahPushesInEitherFormatKubefilePullsWithTheSameConfigAndLayers() throws Exception {
    assumeTrue(Files.isExecutable(BUILDAH), "buildah is not installed");
    Path storage = work.resolve("buildah");
    Path context = Files.createDirectories(work.resolve("buildah-context/etc"));
    Files.writeString(context.resolve("hello.txt"), "hello from buildah\n");
    Files.writeString(context.getParent().resolve("Containerfile"), String.join("\n",
        "FROM scratch",
        "COPY etc/hello.txt /etc/hello.txt",
        "ENV GREETING=hello PATH=/bin",
        "LABEL interop=buildah maintainer=kubefile",
        "CMD [\"/bin/cat\", \"/etc/hello.txt\"]",
        ""));
    buildah(storage, "build", "--isolation", "chroot", "-q", "-t", "localhost/interop-built:v1",
        context.getParent().toString());
    JsonNode built = json(buildah(storage, "inspect", "--type", "image", "localhost/interop-built:v1"));
    JsonNode builtConfig = built.path("OCIv1");

    for (String format : List.of("docker", "oci")) {
      String name = registry.get().host() + "/interop/buildah-" + format + ":v1";
      Path digestFile = work.resolve("digest-" + format);
      buildah(storage, "push", "--format", format, "--tls-verify=false", "--digestfile", digestFile.toString(),
          "localhost/interop-built:v1", "docker://" + name);

      CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", name);

      assertThat(pull.exitCode()).as(format + ": " + pull.err()).isZero();
      CliRun.Result inspect = CliRun.run(otherRoot, "inspect", name);
      assertThat(inspect.exitCode()).as(inspect.err()).isZero();
      JsonNode ours = Json.mapper().readTree(inspect.out());
      StoredImage pulled = ImageStore.open(otherRoot).findByName(name).orElseThrow();
      if (format.equals("oci")) {
        assertThat(ours.path("FromImageDigest").asText()).as(format).isEqualTo(Files.readString(digestFile).trim());
      } else {
        // A Docker-format image is stored as OCI (#10.2): same config (image ID) and layers, OCI media types.
        assertThat(pulled.manifest().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(pulled.manifest().config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
        assertThat(pulled.manifest().layers()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.OCI_LAYER_GZIP);
        assertThat(ours.path("FromImageDigest").asText()).isEqualTo(pulled.manifestDescriptor().digest().toString());
      }
      JsonNode config = ours.path("OCIv1");
      assertThat(config.path("config").path("Env")).as(format).isEqualTo(builtConfig.path("config").path("Env"));
      assertThat(config.path("config").path("Labels")).as(format).isEqualTo(builtConfig.path("config").path("Labels"));
      assertThat(config.path("config").path("Cmd")).as(format).isEqualTo(builtConfig.path("config").path("Cmd"));
      assertThat(config.path("rootfs").path("diff_ids")).as(format).isEqualTo(builtConfig.path("rootfs").path("diff_ids"));
      assertThat(config.path("architecture").asText()).as(format).isEqualTo(builtConfig.path("architecture").asText());
      if (format.equals("oci")) {
        // The OCI config goes to the registry unchanged, so the image ID is buildah's.
        assertThat(pull.out().trim()).isEqualTo(built.path("FromImageID").asText());
      }
      StoredImage stored = ImageStore.open(otherRoot).findByName(name).orElseThrow();
      byte[] layer = ImageStore.open(otherRoot).readBlob(stored.manifest().layers().get(0).digest());
      assertThat(Digest.sha256(layer)).isEqualTo(stored.manifest().layers().get(0).digest());
      // Pushed on by kubefile, the stored manifest (buildah's own for OCI) arrives byte for byte: same digest.
      String copy = registry.get().host() + "/interop/repushed-" + format + ":v1";
      CliRun.Result repush = CliRun.run(otherRoot, "push", "-q", name, "docker://" + copy);
      assertThat(repush.exitCode()).as(repush.err()).isZero();
      if (Files.isExecutable(SKOPEO)) {
        byte[] raw = run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + copy));
        assertThat(Digest.sha256(raw)).as(format).isEqualTo(pulled.manifestDescriptor().digest());
      }
    }
  }

  @Test
  void multiPlatformListsBuiltByBuildahArePulledPerPlatformInBothFormats() throws Exception {
    assumeTrue(Files.isExecutable(BUILDAH), "buildah is not installed");
    assumeTrue(Files.isExecutable(SKOPEO), "skopeo is not installed");
    Path storage = work.resolve("buildah");
    Path context = Files.createDirectories(work.resolve("list-context"));
    Files.writeString(context.resolve("hello.txt"), "hello list\n");
    Files.writeString(context.resolve("Containerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\nLABEL interop=list\n");

    for (String format : List.of("docker", "oci")) {
      String list = "localhost/interop-list-" + format;
      buildah(storage, "build", "--isolation", "chroot", "-q", "--format", format,
          "--platform", "linux/amd64,linux/arm64", "--manifest", list, context.toString());
      String name = registry.get().host() + "/interop/buildah-list:" + format;
      buildah(storage, "manifest", "push", "--all", "--format", format.equals("docker") ? "v2s2" : "oci",
          "--tls-verify=false", list, "docker://" + name);
      JsonNode index = json(run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + name)));
      assertThat(index.path("mediaType").asText()).as(format).isEqualTo(format.equals("docker")
          ? "application/vnd.docker.distribution.manifest.list.v2+json" : "application/vnd.oci.image.index.v1+json");

      for (String arch : List.of("arm64", "amd64")) {
        Path store = work.resolve("list-" + format + "-" + arch);
        CliRun.Result pull = CliRun.run(store, "pull", "-q", "--platform", "linux/" + arch, name);
        assertThat(pull.exitCode()).as(format + "/" + arch + ": " + pull.err()).isZero();
        assertThat(inspectArchitecture(store, name)).as(format).isEqualTo(arch);
        StoredImage image = ImageStore.open(store).findByName(name).orElseThrow();
        assertThat(image.config().config().labels()).containsEntry("interop", "list");
      }
      Path allStore = work.resolve("list-" + format + "-all");
      CliRun.Result all = CliRun.run(allStore, "pull", "-q", "--all", name);
      assertThat(all.exitCode()).as(format + " --all: " + all.err()).isZero();
      ImageStore allImages = ImageStore.open(allStore);
      Digest stored = allImages.findByName(name).orElseThrow().entry().digest();
      io.kubefile.image.ImageIndex storedIndex = Json.read(allImages.readBlob(stored), io.kubefile.image.ImageIndex.class, "index");
      assertThat(storedIndex.mediaType()).as(format).isEqualTo(MediaTypes.OCI_INDEX);
      assertThat(storedIndex.manifests()).hasSize(index.path("manifests").size());
      for (Descriptor child : storedIndex.manifests()) {
        assertThat(allImages.hasBlob(child.digest())).isTrue();
        assertThat(child.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      }
    }
  }

  @Test
  void aZstdCompressedOciImagePushedByBuildahIsPulled() throws Exception {
    assumeTrue(Files.isExecutable(BUILDAH), "buildah is not installed");
    Path storage = work.resolve("buildah");
    Path context = Files.createDirectories(work.resolve("zstd-context"));
    Files.writeString(context.resolve("hello.txt"), "hello zstd\n");
    Files.writeString(context.resolve("Containerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\nENV Z=1\n");
    buildah(storage, "build", "--isolation", "chroot", "-q", "-t", "localhost/interop-zstd:v1", context.toString());
    JsonNode built = json(buildah(storage, "inspect", "--type", "image", "localhost/interop-zstd:v1"));
    String name = registry.get().host() + "/interop/zstd:v1";
    buildah(storage, "push", "--format", "oci", "--compression-format", "zstd", "--tls-verify=false",
        "localhost/interop-zstd:v1", "docker://" + name);

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", name);

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    StoredImage image = ImageStore.open(otherRoot).findByName(name).orElseThrow();
    assertThat(image.manifest().layers().get(0).mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd");
    assertThat(texts(Json.mapper().valueToTree(image.config().rootfs().diffIds())))
        .isEqualTo(texts(built.path("OCIv1").path("rootfs").path("diff_ids")));
    assertThat(image.config().config().env()).contains("Z=1");
  }

  // --- 4. kubefile push -> buildah pull --------------------------------------------------------------------

  @Test
  void whatKubefilePushesBuildahPullsWithOurConfig() throws Exception {
    assumeTrue(Files.isExecutable(BUILDAH), "buildah is not installed");
    String name = registry.get().host() + "/interop/for-buildah:v1";
    Digest id = kubefileBuild(root, name, null, "for-buildah");
    CliRun.Result push = CliRun.run(root, "push", "-q", name);
    assertThat(push.exitCode()).as(push.err()).isZero();
    String pushedDigest = push.out().trim().substring(push.out().trim().indexOf('@') + 1);
    Path storage = work.resolve("buildah");

    String pulledId = new String(buildah(storage, "pull", "-q", "--tls-verify=false", "docker://" + name),
        StandardCharsets.UTF_8).trim();

    assertThat(pulledId).isEqualTo(id.hex());
    JsonNode inspect = json(buildah(storage, "inspect", "--type", "image", name));
    JsonNode config = inspect.path("OCIv1").path("config");
    assertThat(config.path("Labels").path("interop").asText()).isEqualTo("for-buildah");
    assertThat(config.path("Labels").path("origin").asText()).isEqualTo("kubefile");
    assertThat(texts(config.path("Env"))).contains("GREETING=hello");
    assertThat(texts(config.path("Cmd"))).containsExactly("cat", "/etc/hello.txt");
    StoredImage stored = ImageStore.open(root).findByName(name).orElseThrow();
    // Pushed gzipped: buildah sees the rewritten manifest, but our config (same image ID, same diff_ids).
    assertThat(inspect.path("FromImageDigest").asText()).isEqualTo(pushedDigest);
    assertThat(pushedDigest).isNotEqualTo(stored.manifestDescriptor().digest().toString());
    assertThat(texts(inspect.path("OCIv1").path("rootfs").path("diff_ids")))
        .containsExactlyElementsOf(stored.config().rootfs().diffIds().stream().map(Digest::toString).toList());
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  /** {@code kubefile build} of a small FROM scratch image named {@code name}; returns its ID. */
  private Digest kubefileBuild(Path store, String name, String platform, String label) throws Exception {
    Path context = Files.createDirectories(work.resolve("context-" + label));
    Files.writeString(context.resolve("hello.txt"), "hello " + label + "\n");
    Files.writeString(context.resolve("Kubefile"), String.join("\n",
        "FROM scratch",
        "COPY hello.txt /etc/hello.txt",
        "ENV GREETING=hello",
        "LABEL interop=" + label + " origin=kubefile",
        "CMD [\"cat\", \"/etc/hello.txt\"]",
        ""));
    List<String> args = new ArrayList<>(List.of("build", "-q", "--save-image=false", "-t", name));
    if (platform != null) {
      args.addAll(List.of("--platform", platform));
    }
    args.add(context.toString());
    CliRun.Result build = CliRun.run(store, args.toArray(String[]::new));
    assertThat(build.exitCode()).as(build.err()).isZero();
    return Digest.parse("sha256:" + build.out().trim());
  }

  private static String inspectArchitecture(Path store, String name) throws Exception {
    CliRun.Result inspect = CliRun.run(store, "inspect", name);
    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    return Json.mapper().readTree(inspect.out()).path("OCIv1").path("architecture").asText();
  }

  private static void assertBlobsMatchTheirNames(Path layout) throws IOException {
    try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
      for (Path blob : blobs.toList()) {
        assertThat(Digest.sha256(Files.readAllBytes(blob)).hex()).isEqualTo(blob.getFileName().toString());
      }
    }
  }

  private static byte[] blob(Path layout, String digest) throws IOException {
    return Files.readAllBytes(layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())));
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }

  private static JsonNode json(byte[] bytes) throws IOException {
    return Json.mapper().readTree(bytes);
  }

  /** buildah with its own vfs storage under {@code storage}, so the host's storage is never touched. */
  private static byte[] buildah(Path storage, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("buildah", "--root", storage.resolve("root").toString(),
        "--runroot", storage.resolve("run").toString(), "--storage-driver", "vfs"));
    command.addAll(List.of(args));
    return run(command);
  }

  /** Runs a command on loopback only; fails with its stderr unless it exits 0 within two minutes. */
  private static byte[] run(List<String> command) throws Exception {
    Path err = Files.createTempFile("interop", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
      builder.environment().put("NO_PROXY", "127.0.0.1,localhost");
      builder.environment().put("no_proxy", "127.0.0.1,localhost");
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      assertThat(process.exitValue()).as(command + ": " + Files.readString(err)).isZero();
      return out;
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
