package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** pull, push, inspect docker:// and build FROM a remote image, against real loopback registries. */
class RemoteCommandsTest {
  @TempDir static Path firstDir;
  @TempDir static Path secondDir;
  @RegisterExtension static final ClassFixture<RegistryServer> first = ClassFixture.of(() -> RegistryServer.startPlain(firstDir));
  @RegisterExtension static final ClassFixture<RegistryServer> second = ClassFixture.of(() -> RegistryServer.startPlain(secondDir));

  @TempDir Path localRoot;
  @TempDir Path otherRoot;
  @TempDir Path work;

  /** Stores an image named {@code name} in {@link #localRoot} and pushes it; returns the digest line. */
  private String storeAndPush(String name, String seed) throws Exception {
    CliRun.storeImage(localRoot, name, seed);
    CliRun.Result push = CliRun.run(localRoot, "push", "-q", name);
    assertThat(push.exitCode()).as(push.err()).isZero();
    return push.out().trim();
  }

  @Test
  void pullThenInspectLocally() throws Exception {
    String name = first.get().host() + "/app:v1";
    Digest id = CliRun.storeImage(localRoot, name, "pulled");
    assertThat(CliRun.run(localRoot, "push", name).exitCode()).isZero();

    CliRun.Result pull = CliRun.run(otherRoot, "pull", name);

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.out().trim()).isEqualTo(id.hex());
    assertThat(pull.err()).contains("Copying blob sha256:").contains("done");
    CliRun.Result inspect = CliRun.run(otherRoot, "inspect", name);
    JsonNode json = Json.mapper().readTree(inspect.out());
    assertThat(json.path("Name").asText()).isEqualTo(name);
    assertThat(json.path("FromImageID").asText()).isEqualTo(id.hex());
    assertThat(json.path("OCIv1").path("config").path("Labels").path("seed").asText()).isEqualTo("pulled");
  }

  @Test
  void quietPullPrintsOnlyTheImageId() throws Exception {
    String name = first.get().host() + "/quiet:v1";
    storeAndPush(name, "quiet");

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", "docker://" + name);

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.err()).isEmpty();
    assertThat(pull.out().trim()).matches("[0-9a-f]{64}");
  }

  @Test
  void pullAllKeepsTheWholeIndex() throws Exception {
    String name = first.get().host() + "/multi:v1";
    ImageStore store = ImageStore.open(localRoot);
    List<Descriptor> children = CliRun.storeTwoPlatformIndex(localRoot, name);
    byte[] index = Json.bytes(ImageIndex.oci(children));
    CliRun.Result push = CliRun.run(localRoot, "push", "-q", "--all", name);
    assertThat(push.exitCode()).as(push.err()).isZero();
    // The children's layers are gzipped on the way, so the index is rewritten with the new child digests.
    String pushedIndex = push.out().trim();
    assertThat(pushedIndex).startsWith(first.get().host() + "/multi@sha256:").isNotEqualTo(first.get().host() + "/multi@" + Digest.sha256(index));

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", "--all", name);

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    ImageStore pulled = ImageStore.open(otherRoot);
    StoredImage image = pulled.findByName(name).orElseThrow();
    assertThat(first.get().host() + "/multi@" + image.entry().digest()).isEqualTo(pushedIndex);
    ImageIndex pulledIndex = Json.read(pulled.readBlob(image.entry().digest()), ImageIndex.class, "index");
    assertThat(pulledIndex.manifests()).hasSize(2);
    for (int i = 0; i < children.size(); i++) {
      Descriptor child = pulledIndex.manifests().get(i);
      assertThat(child.platform()).isEqualTo(children.get(i).platform());
      var manifest = pulled.imageOf(child).manifest();
      var local = store.imageOf(children.get(i)).manifest();
      assertThat(manifest.config()).as("the config (image ID) is unchanged").isEqualTo(local.config());
      assertThat(manifest.layers()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.OCI_LAYER_GZIP);
    }
  }

  @Test
  void pushAllWithoutCompressionKeepsTheIndexDigest() throws Exception {
    String name = first.get().host() + "/multi-raw:v1";
    ImageStore store = ImageStore.open(localRoot);
    List<Descriptor> children = CliRun.storeTwoPlatformIndex(localRoot, name);
    byte[] index = Json.bytes(ImageIndex.oci(children));
    CliRun.Result push = CliRun.run(localRoot, "push", "-q", "--all", "--compression-format", "none", name);
    assertThat(push.exitCode()).as(push.err()).isZero();
    assertThat(push.out().trim()).isEqualTo(first.get().host() + "/multi-raw@" + Digest.sha256(index));

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", "--all", name);

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    ImageStore pulled = ImageStore.open(otherRoot);
    StoredImage image = pulled.findByName(name).orElseThrow();
    assertThat(image.entry().digest()).isEqualTo(Digest.sha256(index));
    for (Descriptor child : children) {
      assertThat(pulled.hasBlob(child.digest())).isTrue();
    }
  }

  @Test
  void pullPoliciesDecideWhetherTheRegistryIsAsked() throws Exception {
    String name = first.get().host() + "/policy:v1";
    storeAndPush(name, "old");
    Digest oldId = ImageStore.open(localRoot).findByName(name).orElseThrow().id();
    assertThat(CliRun.run(otherRoot, "pull", "-q", name).exitCode()).isZero();
    Digest newId = CliRun.storeImage(localRoot, name, "new");
    assertThat(CliRun.run(localRoot, "push", "-q", name).exitCode()).isZero();

    CliRun.Result missing = CliRun.run(otherRoot, "pull", "-q", "--policy=missing", name);
    assertThat(missing.out().trim()).isEqualTo(oldId.hex());
    CliRun.Result always = CliRun.run(otherRoot, "pull", "-q", "--policy=always", name);
    assertThat(always.out().trim()).isEqualTo(newId.hex());

    CliRun.Result never = CliRun.run(otherRoot, "pull", "-q", "--policy=never", first.get().host() + "/absent:v1");
    assertThat(never.exitCode()).isEqualTo(1);
    assertThat(never.err()).contains("image not known").contains("never");
    // "never" and "missing" are satisfied by the store alone, even for an unreachable registry.
    String offline = "127.0.0.1:" + RegistryServer.freePort() + "/offline:v1";
    CliRun.storeImage(otherRoot, offline, "offline");
    assertThat(CliRun.run(otherRoot, "pull", "-q", "--policy=never", offline).exitCode()).isZero();
    assertThat(CliRun.run(otherRoot, "pull", "-q", "--policy=missing", offline).exitCode()).isZero();
  }

  @Test
  void pullPolicyNewerPullsOnlyWhenTheRegistryDigestChanged() throws Exception {
    String name = first.get().host() + "/newer:v1";
    storeAndPush(name, "first");
    assertThat(CliRun.run(otherRoot, "pull", "-q", name).exitCode()).isZero();

    CliRun.Result unchanged = CliRun.run(otherRoot, "pull", "--policy=newer", name);
    assertThat(unchanged.exitCode()).as(unchanged.err()).isZero();
    assertThat(unchanged.err()).doesNotContain("Copying");

    Digest newId = CliRun.storeImage(localRoot, name, "second");
    assertThat(CliRun.run(localRoot, "push", "-q", name).exitCode()).isZero();
    CliRun.Result changed = CliRun.run(otherRoot, "pull", "--policy=newer", name);
    assertThat(changed.out().trim()).isEqualTo(newId.hex());
    assertThat(changed.err()).contains("Copying blob");
  }

  @Test
  void pushToASecondRegistryIsReadableBySkopeo() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
    String name = first.get().host() + "/source:v1";
    CliRun.storeImage(localRoot, name, "copied");
    String target = second.get().host() + "/copied/app:v2";

    CliRun.Result push = CliRun.run(localRoot, "push", name, "docker://" + target);

    assertThat(push.exitCode()).as(push.err()).isZero();
    StoredImage stored = ImageStore.open(localRoot).findByName(name).orElseThrow();
    String raw = skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + target);
    String digest = Digest.sha256(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    assertThat(push.out().trim()).isEqualTo(second.get().host() + "/copied/app@" + digest);
    assertThat(digest).isNotEqualTo(stored.manifestDescriptor().digest().toString());
    JsonNode manifest = Json.mapper().readTree(raw);
    assertThat(manifest.path("config").path("digest").asText()).isEqualTo(stored.id().toString());
    assertThat(manifest.path("layers").get(0).path("mediaType").asText()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    JsonNode skopeo = Json.mapper().readTree(skopeo("inspect", "--tls-verify=false", "docker://" + target));
    assertThat(skopeo.path("Digest").asText()).isEqualTo(digest);
    assertThat(skopeo.path("Labels").path("seed").asText()).isEqualTo("copied");
  }

  @Test
  void pushGzipsUncompressedLayersByDefault() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
    String name = first.get().host() + "/gzipped:v1";
    byte[] compressible = "kubefile compresses layers on push\n".repeat(20_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Digest id = CliRun.storeImage(localRoot, name, "gzipped", compressible);
    ImageStore local = ImageStore.open(localRoot);
    StoredImage stored = local.findByName(name).orElseThrow();
    Descriptor tar = stored.manifest().layers().get(0);

    CliRun.Result push = CliRun.run(localRoot, "push", name);

    assertThat(push.exitCode()).as(push.err()).isZero();
    String raw = skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + name);
    Digest pushed = Digest.sha256(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(push.out().trim()).isEqualTo(first.get().host() + "/gzipped@" + pushed);
    JsonNode manifest = Json.mapper().readTree(raw);
    assertThat(manifest.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(manifest.path("config").path("digest").asText()).isEqualTo(id.toString());
    JsonNode layer = manifest.path("layers").get(0);
    assertThat(layer.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    Digest gz = Digest.parse(layer.path("digest").asText());
    // What the registry received: the gzipped layer, far smaller than the stored tar.
    long uploaded = registryBlobSize(firstDir, gz) + registryBlobSize(firstDir, id);
    assertThat(registryBlobSize(firstDir, gz)).isEqualTo(layer.path("size").asLong());
    assertThat(uploaded).isLessThan(tar.size() / 10);
    assertThat(Files.exists(registryBlob(firstDir, tar.digest()))).as("the uncompressed tar is not uploaded").isFalse();
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(registryBlob(firstDir, gz)))) {
      assertThat(Digest.sha256(in.readAllBytes())).as("diff_id").isEqualTo(tar.digest());
    }

    // skopeo copy verifies every blob while it copies.
    Path layout = work.resolve("skopeo-layout");
    skopeo("copy", "-q", "--src-tls-verify=false", "--preserve-digests", "docker://" + name, "oci:" + layout + ":v1");
    JsonNode copied = Json.mapper().readTree(skopeo("inspect", "--raw", "oci:" + layout + ":v1"));
    assertThat(copied.path("layers").get(0).path("digest").asText()).isEqualTo(gz.toString());
    assertThat(Json.mapper().readTree(Files.readAllBytes(layout.resolve("index.json")))
        .path("manifests").get(0).path("digest").asText()).isEqualTo(pushed.toString());

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", name);
    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.out().trim()).isEqualTo(id.hex());
    StoredImage pulled = ImageStore.open(otherRoot).findByName(name).orElseThrow();
    assertThat(pulled.id()).isEqualTo(stored.id());
    assertThat(pulled.manifestDescriptor().digest()).isEqualTo(pushed);
    assertThat(pulled.config().rootfs().diffIds()).containsExactly(tar.digest());
  }

  @Test
  void aSecondPushReusesTheCompressedLayer() throws Exception {
    String name = first.get().host() + "/reused:v1";
    CliRun.storeImage(localRoot, name, "reused", "reuse me\n".repeat(10_000).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ImageStore local = ImageStore.open(localRoot);
    Digest tar = local.findByName(name).orElseThrow().manifest().layers().get(0).digest();
    String firstPush = storeAndPushAgain(name);
    Path record = localRoot.resolve("cache/compressed/gzip/" + tar.hex() + ".json");
    assertThat(record).exists();
    JsonNode cached = Json.mapper().readTree(Files.readAllBytes(record));
    assertThat(cached.path("uncompressed").asText()).isEqualTo(tar.toString());
    Digest gz = Digest.parse(cached.path("compressed").asText());
    assertThat(local.hasBlob(gz)).as("the compressed blob is kept in the store").isTrue();
    Object recordKey = Files.readAttributes(record, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    Object blobKey = Files.readAttributes(local.blobPath(gz), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    // Without the uncompressed tar a push can only succeed from the cache: nothing is compressed again.
    Files.delete(local.blobPath(tar));

    String target = second.get().host() + "/elsewhere/reused:v2";
    CliRun.Result other = CliRun.run(localRoot, "push", name, "docker://" + target);

    assertThat(other.exitCode()).as(other.err()).isZero();
    assertThat(other.out().trim()).isEqualTo(second.get().host() + "/elsewhere/reused@" + firstPush.substring(firstPush.indexOf('@') + 1));
    assertThat(other.err()).contains("Copying blob " + gz.algorithm() + ":" + gz.shortHex() + " done");
    assertThat(Files.readAttributes(record, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(recordKey);
    assertThat(Files.readAttributes(local.blobPath(gz), java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(blobKey);
    assertThat(registryBlobSize(secondDir, gz)).isEqualTo(cached.path("size").asLong());

    // Pushed again where it already is: the HEAD check finds the compressed blob, nothing is uploaded.
    CliRun.Result again = CliRun.run(localRoot, "push", name);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out().trim()).isEqualTo(firstPush);
    assertThat(again.err()).doesNotContain("Copying blob");

    // With the cache record gone (and no tar to compress), the push fails: the cache was what served it.
    Files.delete(record);
    CliRun.Result uncached = CliRun.run(localRoot, "push", "-q", name, "docker://" + second.get().host() + "/third/reused:v1");
    assertThat(uncached.exitCode()).isNotZero();
    assertThat(uncached.err()).contains(tar.toString());
  }

  private String storeAndPushAgain(String name) {
    CliRun.Result push = CliRun.run(localRoot, "push", "-q", name);
    assertThat(push.exitCode()).as(push.err()).isZero();
    return push.out().trim();
  }

  private static Path registryBlob(Path registryDir, Digest digest) {
    return registryDir.resolve("data/docker/registry/v2/blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex() + "/data");
  }

  private static long registryBlobSize(Path registryDir, Digest digest) throws java.io.IOException {
    return Files.size(registryBlob(registryDir, digest));
  }

  @Test
  void pushToArchivesAndLayoutsIsReadableBySkopeo() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
    String name = "example.com/archived:v1";
    CliRun.storeImage(localRoot, name, "archived");
    Path oci = work.resolve("image.oci.tar");
    Path docker = work.resolve("image.docker.tar");
    Path layout = work.resolve("layout");

    assertThat(CliRun.run(localRoot, "push", name, "oci-archive:" + oci).exitCode()).isZero();
    assertThat(CliRun.run(localRoot, "push", name, "docker-archive:" + docker).exitCode()).isZero();
    CliRun.Result toLayout = CliRun.run(localRoot, "push", name, "oci:" + layout + ":v1");
    assertThat(toLayout.exitCode()).as(toLayout.err()).isZero();

    for (String ref : List.of("oci-archive:" + oci, "docker-archive:" + docker, "oci:" + layout + ":v1")) {
      JsonNode json = Json.mapper().readTree(skopeo("inspect", ref));
      assertThat(json.path("Labels").path("seed").asText()).as(ref).isEqualTo("archived");
    }
  }

  @Test
  void inspectDockerShowsThePushedConfigWithoutPulling() throws Exception {
    String name = first.get().host() + "/inspected:v1";
    String pushed = storeAndPush(name, "inspected");
    byte[] config = ImageStore.open(localRoot).readBlob(ImageStore.open(localRoot).findByName(name).orElseThrow().id());

    CliRun.Result inspect = CliRun.run(otherRoot, "inspect", "docker://" + name);

    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    JsonNode json = Json.mapper().readTree(inspect.out());
    assertThat(json.path("Name").asText()).isEqualTo(name);
    assertThat(first.get().host() + "/inspected@" + json.path("FromImageDigest").asText()).isEqualTo(pushed);
    assertThat(json.has("FromImageID")).isFalse();
    assertThat(json.path("OCIv1")).isEqualTo(Json.mapper().readTree(config));
    assertThat(ImageStore.open(otherRoot).list()).isEmpty();
  }

  @Test
  void buildFromARemoteImageInheritsItsLayersAndConfig() throws Exception {
    String base = first.get().host() + "/base:v1";
    storeAndPush(base, "base");
    StoredImage pushedBase = ImageStore.open(localRoot).findByName(base).orElseThrow();
    Path context = work.resolve("context");
    Files.createDirectories(context);
    Files.writeString(context.resolve("extra.txt"), "extra");
    Files.writeString(context.resolve("Kubefile"), "FROM " + base + "\nLABEL own=yes\nCOPY extra.txt /etc/extra.txt\n");

    CliRun.Result build = CliRun.run(otherRoot, "build", "-q", "--save-image=false", "-t", "built:v1", context.toString());

    assertThat(build.exitCode()).as(build.err()).isZero();
    StoredImage built = ImageStore.open(otherRoot).findByName("docker.io/library/built:v1").orElseThrow();
    StoredImage pulledBase = ImageStore.open(otherRoot).findByName(base).orElseThrow();
    assertThat(pulledBase.id()).as("pushed gzipped, the base keeps its config").isEqualTo(pushedBase.id());
    assertThat(pulledBase.manifest().layers().get(0).mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    assertThat(built.manifest().layers().get(0).digest()).isEqualTo(pulledBase.manifest().layers().get(0).digest());
    assertThat(built.config().rootfs().diffIds().get(0)).isEqualTo(pushedBase.config().rootfs().diffIds().get(0));
    assertThat(built.manifest().layers()).hasSize(2);
    assertThat(built.config().config().labels()).containsEntry("seed", "base").containsEntry("own", "yes");
    assertThat(built.config().config().env()).contains("A=1");
    assertThat(ImageStore.open(otherRoot).findByName(base)).as("the base image was pulled into the store").isPresent();
  }

  @Test
  void buildWithPullNeverRefusesAMissingBaseImage() throws Exception {
    Path context = work.resolve("never");
    Files.createDirectories(context);
    Files.writeString(context.resolve("Kubefile"), "FROM " + first.get().host() + "/never-pushed:v1\n");

    CliRun.Result build = CliRun.run(otherRoot, "build", "--pull=never", "--save-image=false", context.toString());

    assertThat(build.exitCode()).isEqualTo(1);
    assertThat(build.err()).contains("never-pushed");
  }

  @Test
  void pullOfAnotherPlatformThanTheImageIsAnErrorNamingBothAndStoresNothing() throws Exception {
    String name = first.get().host() + "/one-arch:v1";
    storeAndPush(name, "host-only");
    String other = "linux/" + CliRun.otherArch();

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", "--platform", other, name);

    assertThat(pull.exitCode()).isEqualTo(1);
    assertThat(pull.err()).isEqualTo("Error: " + name + " is an image for platform linux/"
        + Platform.host().architecture() + ", not the requested " + other + System.lineSeparator());
    assertThat(ImageStore.open(otherRoot).list()).isEmpty();
  }

  @Test
  void pullMissingOfAnotherPlatformThanTheStoredOnePullsTheRequestedOne() throws Exception {
    String name = first.get().host() + "/two-arch:v1";
    CliRun.storeTwoPlatformIndex(localRoot, name);
    assertThat(CliRun.run(localRoot, "push", "-q", "--all", name).exitCode()).isZero();
    String host = "linux/" + Platform.host().architecture();
    String other = "linux/" + CliRun.otherArch();
    assertThat(CliRun.run(otherRoot, "pull", "-q", "--platform", host, name).exitCode()).isZero();

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", "--policy", "missing", "--platform", other, name);

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    StoredImage stored = ImageStore.open(otherRoot).findByName(name).orElseThrow();
    assertThat(stored.config().platform().toString()).isEqualTo(other);
    CliRun.Result never = CliRun.run(otherRoot, "pull", "--policy", "never", "--platform", host, name);
    assertThat(never.exitCode()).isEqualTo(1);
    assertThat(never.err()).contains("is for platform " + other + ", not " + host);
  }

  @Test
  void buildForAnotherPlatformThanTheStoredBaseIsAnErrorNamingBoth() throws Exception {
    String base = first.get().host() + "/host-base:v1";
    CliRun.storeImage(otherRoot, base, "base");
    Path context = work.resolve("platform");
    Files.createDirectories(context);
    Files.writeString(context.resolve("Kubefile"), "FROM " + base + "\nLABEL own=yes\n");
    String other = "linux/" + CliRun.otherArch();

    CliRun.Result build = CliRun.run(otherRoot, "build", "--pull=never", "--save-image=false", "--platform", other,
        "-t", "mislabelled:v1", context.toString());

    assertThat(build.exitCode()).isEqualTo(1);
    assertThat(build.err()).contains("base image " + base + ": image " + base + " is for platform linux/"
        + Platform.host().architecture() + ", not " + other);
    assertThat(ImageStore.open(otherRoot).findByName("docker.io/library/mislabelled:v1")).isEmpty();
  }

  @Test
  void registriesConfRemapsAPrefixAndFallsBackFromADeadMirror() throws Exception {
    storeAndPush(first.get().host() + "/app:v1", "mirrored");
    Path conf = work.resolve("registries.conf");
    Files.writeString(conf, String.join("\n",
        "unqualified-search-registries = [\"docker.io\"]",
        "",
        "[[registry]]",
        "prefix = \"example.invalid/app\"",
        "location = \"" + first.get().host() + "/app\"",
        "",
        "[[registry.mirror]]  # a mirror that is down: the pull goes on to the next place",
        "location = \"127.0.0.1:" + RegistryServer.freePort() + "/app\"",
        ""));

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", "--retry=1", "--registries-conf=" + conf, "example.invalid/app:v1");

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    StoredImage image = ImageStore.open(otherRoot).findByName("example.invalid/app:v1").orElseThrow();
    assertThat(image.config().config().labels()).containsEntry("seed", "mirrored");
  }

  @Test
  void registrySaveReadsThroughRegistriesConfAsPullDoes() throws Exception {
    storeAndPush(first.get().host() + "/saved/app:v1", "remapped");
    Path conf = work.resolve("save.conf");
    Files.writeString(conf, String.join("\n",
        "[[registry]]",
        "prefix = \"example.invalid/saved\"",
        "location = \"" + first.get().host() + "/saved\"",
        ""));
    Path context = Files.createDirectories(work.resolve("save-context"));

    CliRun.Result save = CliRun.registrySave(otherRoot, "--registries-conf=" + conf, "--retry=1", "--images", "example.invalid/saved/app:v1",
        context.toString());

    assertThat(save.exitCode()).as(save.err()).isZero();
    assertThat(io.kubefile.registrydir.RegistryDirectory.open(context.resolve("registry")).tags("saved/app"))
        .containsExactly("v1");
  }

  @Test
  void registrySaveRefusesARegistryThatRegistriesConfBlocks() throws Exception {
    storeAndPush(first.get().host() + "/blocked/app:v1", "blocked");
    Path conf = work.resolve("blocked.conf");
    Files.writeString(conf, String.join("\n",
        "[[registry]]",
        "location = \"" + first.get().host() + "/blocked\"",
        "blocked = true",
        ""));
    Path context = Files.createDirectories(work.resolve("blocked-context"));

    CliRun.Result save = CliRun.registrySave(otherRoot, "--registries-conf=" + conf, "--images", first.get().host() + "/blocked/app:v1",
        context.toString());

    assertThat(save.exitCode()).isEqualTo(1);
    assertThat(save.err()).contains("is blocked by the registries configuration");
    assertThat(context.resolve("registry/docker/registry/v2/repositories/blocked")).doesNotExist();
  }

  @Test
  void registriesConfMirrorIsTriedBeforeTheOrigin() throws Exception {
    String origin = "127.0.0.1:" + RegistryServer.freePort(); // nothing listens: only the mirror can serve
    CliRun.storeImage(localRoot, second.get().host() + "/mirror/app:v1", "from-mirror");
    assertThat(CliRun.run(localRoot, "push", "-q", second.get().host() + "/mirror/app:v1").exitCode()).isZero();
    Path conf = work.resolve("mirrors.conf");
    Files.writeString(conf, String.join("\n",
        "[[registry]]",
        "location = \"" + origin + "\"",
        "[[registry.mirror]]",
        "location = \"" + second.get().host() + "/mirror\"",
        "insecure = true",
        ""));

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", "--retry=1", "--registries-conf=" + conf, origin + "/app:v1");

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(ImageStore.open(otherRoot).findByName(origin + "/app:v1")).isPresent();
  }

  private static String skopeo(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("skopeo"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    String out = new String(process.getInputStream().readAllBytes());
    String err = new String(process.getErrorStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    return out;
  }
}
