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
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pull, push, inspect docker:// and build FROM a remote image, against real loopback registries. */
class RemoteCommandsTest {
  @TempDir static Path firstDir;
  @TempDir static Path secondDir;
  static RegistryServer first;
  static RegistryServer second;

  @TempDir Path localRoot;
  @TempDir Path otherRoot;
  @TempDir Path work;

  @BeforeAll
  static void start() throws Exception {
    first = RegistryServer.startPlain(firstDir);
    second = RegistryServer.startPlain(secondDir);
  }

  @AfterAll
  static void stop() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  /** Stores an image named {@code name} in {@link #localRoot} and pushes it; returns the digest line. */
  private String storeAndPush(String name, String seed) throws Exception {
    CliRun.storeImage(localRoot, name, seed);
    CliRun.Result push = CliRun.run(localRoot, "push", "-q", name);
    assertThat(push.exitCode()).as(push.err()).isZero();
    return push.out().trim();
  }

  @Test
  void pullThenInspectLocally() throws Exception {
    String name = first.host() + "/app:v1";
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
    String name = first.host() + "/quiet:v1";
    storeAndPush(name, "quiet");

    CliRun.Result pull = CliRun.run(otherRoot, "pull", "-q", "docker://" + name);

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.err()).isEmpty();
    assertThat(pull.out().trim()).matches("[0-9a-f]{64}");
  }

  @Test
  void pullAllKeepsTheWholeIndex() throws Exception {
    String name = first.host() + "/multi:v1";
    ImageStore store = ImageStore.open(localRoot);
    List<Descriptor> children = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      CliRun.storeImage(localRoot, "docker.io/local/" + arch + ":v1", arch);
      StoredImage image = store.findByName("docker.io/local/" + arch + ":v1").orElseThrow();
      children.add(image.manifestDescriptor().withPlatform(new Platform(arch, "linux", null)));
    }
    byte[] index = Json.bytes(ImageIndex.oci(children));
    store.tag(name, store.putBlob(index).descriptor(MediaTypes.OCI_INDEX));
    CliRun.Result push = CliRun.run(localRoot, "push", "-q", "--all", name);
    assertThat(push.exitCode()).as(push.err()).isZero();
    assertThat(push.out().trim()).isEqualTo(first.host() + "/multi@" + Digest.sha256(index));

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
    String name = first.host() + "/policy:v1";
    storeAndPush(name, "old");
    Digest oldId = ImageStore.open(localRoot).findByName(name).orElseThrow().id();
    assertThat(CliRun.run(otherRoot, "pull", "-q", name).exitCode()).isZero();
    Digest newId = CliRun.storeImage(localRoot, name, "new");
    assertThat(CliRun.run(localRoot, "push", "-q", name).exitCode()).isZero();

    CliRun.Result missing = CliRun.run(otherRoot, "pull", "-q", "--policy=missing", name);
    assertThat(missing.out().trim()).isEqualTo(oldId.hex());
    CliRun.Result always = CliRun.run(otherRoot, "pull", "-q", "--policy=always", name);
    assertThat(always.out().trim()).isEqualTo(newId.hex());

    CliRun.Result never = CliRun.run(otherRoot, "pull", "-q", "--policy=never", first.host() + "/absent:v1");
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
    String name = first.host() + "/newer:v1";
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
    String name = first.host() + "/source:v1";
    CliRun.storeImage(localRoot, name, "copied");
    String target = second.host() + "/copied/app:v2";

    CliRun.Result push = CliRun.run(localRoot, "push", name, "docker://" + target);

    assertThat(push.exitCode()).as(push.err()).isZero();
    String digest = ImageStore.open(localRoot).findByName(name).orElseThrow().manifestDescriptor().digest().toString();
    assertThat(push.out().trim()).isEqualTo(second.host() + "/copied/app@" + digest);
    JsonNode skopeo = Json.mapper().readTree(skopeo("inspect", "--tls-verify=false", "docker://" + target));
    assertThat(skopeo.path("Digest").asText()).isEqualTo(digest);
    assertThat(skopeo.path("Labels").path("seed").asText()).isEqualTo("copied");
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
    String name = first.host() + "/inspected:v1";
    String pushed = storeAndPush(name, "inspected");
    byte[] config = ImageStore.open(localRoot).readBlob(ImageStore.open(localRoot).findByName(name).orElseThrow().id());

    CliRun.Result inspect = CliRun.run(otherRoot, "inspect", "docker://" + name);

    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    JsonNode json = Json.mapper().readTree(inspect.out());
    assertThat(json.path("Name").asText()).isEqualTo(name);
    assertThat(first.host() + "/inspected@" + json.path("FromImageDigest").asText()).isEqualTo(pushed);
    assertThat(json.has("FromImageID")).isFalse();
    assertThat(json.path("OCIv1")).isEqualTo(Json.mapper().readTree(config));
    assertThat(ImageStore.open(otherRoot).list()).isEmpty();
  }

  @Test
  void buildFromARemoteImageInheritsItsLayersAndConfig() throws Exception {
    String base = first.host() + "/base:v1";
    storeAndPush(base, "base");
    StoredImage pushedBase = ImageStore.open(localRoot).findByName(base).orElseThrow();
    Path context = work.resolve("context");
    Files.createDirectories(context);
    Files.writeString(context.resolve("extra.txt"), "extra");
    Files.writeString(context.resolve("Kubefile"), "FROM " + base + "\nLABEL own=yes\nCOPY extra.txt /etc/extra.txt\n");

    CliRun.Result build = CliRun.run(otherRoot, "build", "-q", "--save-image=false", "-t", "built:v1", context.toString());

    assertThat(build.exitCode()).as(build.err()).isZero();
    StoredImage built = ImageStore.open(otherRoot).findByName("docker.io/library/built:v1").orElseThrow();
    assertThat(built.manifest().layers().get(0).digest()).isEqualTo(pushedBase.manifest().layers().get(0).digest());
    assertThat(built.manifest().layers()).hasSize(2);
    assertThat(built.config().config().labels()).containsEntry("seed", "base").containsEntry("own", "yes");
    assertThat(built.config().config().env()).contains("A=1");
    assertThat(ImageStore.open(otherRoot).findByName(base)).as("the base image was pulled into the store").isPresent();
  }

  @Test
  void buildWithPullNeverRefusesAMissingBaseImage() throws Exception {
    Path context = work.resolve("never");
    Files.createDirectories(context);
    Files.writeString(context.resolve("Kubefile"), "FROM " + first.host() + "/never-pushed:v1\n");

    CliRun.Result build = CliRun.run(otherRoot, "build", "--pull=never", "--save-image=false", context.toString());

    assertThat(build.exitCode()).isEqualTo(1);
    assertThat(build.err()).contains("never-pushed");
  }

  @Test
  void registriesConfRemapsAPrefixAndFallsBackFromADeadMirror() throws Exception {
    storeAndPush(first.host() + "/app:v1", "mirrored");
    Path conf = work.resolve("registries.conf");
    Files.writeString(conf, String.join("\n",
        "unqualified-search-registries = [\"docker.io\"]",
        "",
        "[[registry]]",
        "prefix = \"example.invalid/app\"",
        "location = \"" + first.host() + "/app\"",
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
  void registriesConfMirrorIsTriedBeforeTheOrigin() throws Exception {
    String origin = "127.0.0.1:" + RegistryServer.freePort(); // nothing listens: only the mirror can serve
    CliRun.storeImage(localRoot, second.host() + "/mirror/app:v1", "from-mirror");
    assertThat(CliRun.run(localRoot, "push", "-q", second.host() + "/mirror/app:v1").exitCode()).isZero();
    Path conf = work.resolve("mirrors.conf");
    Files.writeString(conf, String.join("\n",
        "[[registry]]",
        "location = \"" + origin + "\"",
        "[[registry.mirror]]",
        "location = \"" + second.host() + "/mirror\"",
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
