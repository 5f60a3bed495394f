package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker-format (schema 2) images, as {@code skopeo copy --format v2s2} and {@code podman push
 * --format v2s2} push them, become OCI wherever kubefile writes an OCI manifest or layout (#10.2):
 * the store, images built FROM them, oci-archive. Checked with skopeo and umoci, never our own reader.
 */
class DockerFormatImagesTest {
  @TempDir static Path registryDir;
  @TempDir static Path sourceRoot;
  @RegisterExtension static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.startPlain(registryDir));
  static String dockerFormat;

  @TempDir Path root;
  @TempDir Path work;

  @BeforeAll
  static void pushADockerFormatImage() throws Exception {
    External.assumeInstalled("skopeo");
    External.assumeInstalled("umoci");
    String oci = registry.get().host() + "/source/app:v1";
    CliRun.storeImage(sourceRoot, oci, "docker-format");
    assertThat(CliRun.run(sourceRoot, "push", "-q", oci).exitCode()).isZero();
    dockerFormat = registry.get().host() + "/docker/app:v1";
    External.run("skopeo", "copy", "--format", "v2s2", "--src-tls-verify=false", "--dest-tls-verify=false",
        "docker://" + oci, "docker://" + dockerFormat);
    JsonNode raw = Json.mapper().readTree(
        External.run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + dockerFormat));
    assertThat(raw.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
  }

  @Test
  void aPulledDockerFormatImageIsStoredAsOciThatSkopeoAndUmociRead() throws Exception {
    CliRun.Result pull = CliRun.run(root, "pull", "-q", dockerFormat);
    assertThat(pull.exitCode()).as(pull.err()).isZero();

    StoredImage stored = ImageStore.open(root).findByName(dockerFormat).orElseThrow();
    assertOci(stored);
    JsonNode inspected = Json.mapper().readTree(External.run("skopeo", "inspect", "oci:" + root + ":" + dockerFormat));
    assertThat(inspected.path("Labels").path("seed").asText()).isEqualTo("docker-format");
    Path bundle = work.resolve("bundle");
    External.run("umoci", "unpack", "--rootless", "--image", root + ":" + dockerFormat, bundle.toString());
    assertThat(bundle.resolve("rootfs/etc/docker-format")).hasContent("docker-format");

    Path archive = work.resolve("saved.tar");
    assertThat(CliRun.run(root, "save", "-o", archive.toString(), dockerFormat).exitCode()).isZero();
    Path layout = work.resolve("from-archive");
    External.run("skopeo", "copy", "oci-archive:" + archive + ":" + dockerFormat, "oci:" + layout + ":img");
    External.run("umoci", "unpack", "--rootless", "--image", layout + ":img", work.resolve("bundle2").toString());
  }

  @Test
  void anImageBuiltFromADockerFormatBaseIsOciAndSkopeoCopiesItOnward() throws Exception {
    Path context = Files.createDirectories(work.resolve("context"));
    Files.writeString(context.resolve("extra.txt"), "extra");
    Files.writeString(context.resolve("Kubefile"), "FROM " + dockerFormat + "\nCOPY extra.txt /etc/extra.txt\n");
    String built = registry.get().host() + "/built/app:v1";

    CliRun.Result build = CliRun.run(root, "build", "-q", "--save-image=false", "-t", built, context.toString());
    assertThat(build.exitCode()).as(build.err()).isZero();
    assertOci(ImageStore.open(root).findByName(built).orElseThrow());
    CliRun.Result push = CliRun.run(root, "push", "-q", built);
    assertThat(push.exitCode()).as(push.err()).isZero();

    Path layout = work.resolve("layout");
    External.run("skopeo", "copy", "--src-tls-verify=false", "docker://" + built, "oci:" + layout + ":img");
    External.run("skopeo", "copy", "--src-tls-verify=false", "docker://" + built,
        "docker-archive:" + work.resolve("built.tar") + ":" + built);
    Path bundle = work.resolve("bundle");
    External.run("umoci", "unpack", "--rootless", "--image", layout + ":img", bundle.toString());
    assertThat(bundle.resolve("rootfs/etc/docker-format")).hasContent("docker-format");
    assertThat(bundle.resolve("rootfs/etc/extra.txt")).hasContent("extra");
  }

  private static void assertOci(StoredImage image) {
    assertThat(image.manifest().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(image.manifest().config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
    assertThat(image.manifest().layers()).extracting(Descriptor::mediaType)
        .allMatch(type -> type.startsWith("application/vnd.oci.image.layer."));
  }
}
