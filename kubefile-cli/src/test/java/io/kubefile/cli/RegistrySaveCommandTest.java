package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Digest;
import io.kubefile.registrydir.RegistryDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubefile registry save} and the save step of {@code kubefile build}, offline: images come
 * from archives written by {@code kubefile save}. Saving from registries is specified in kubefile-core
 * ({@code io.kubefile.save.RegistrySaverTest}) against real registries.
 */
class RegistrySaveCommandTest {
  @TempDir Path root;
  @TempDir Path context;

  private CliRun.Result registrySave(String... args) {
    return CliRun.registrySave(root, args);
  }

  @Test
  void savesTheArchivesOfSkopeoTarTxtIntoTheContextsRegistryDirectory() throws Exception {
    CliRun.storeImage(root, "docker.io/example/app:v1", "app");
    Files.createDirectories(context.resolve("images/skopeo"));
    assertThat(CliRun.run(root, "save", "--format", "docker-archive", "-o",
        context.resolve("images/skopeo/app.tar").toString(), "example/app:v1").exitCode()).isZero();
    Files.writeString(context.resolve("images/skopeo/tar.txt"), "docker-archive:app.tar@archived/app:v1\n");

    CliRun.Result result = registrySave(context.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("archived/app:v1 sha256:");
    RegistryDirectory registry = RegistryDirectory.open(context.resolve("registry"));
    assertThat(registry.tags("archived/app")).containsExactly("v1");
    assertThat(registry.leftoverTemporaryFiles()).isEmpty();
  }

  @Test
  void imagesGivenExplicitlyAreSavedInsteadOfTheDiscoveredOnesIntoTheChosenDirectory() throws Exception {
    Digest id = CliRun.storeImage(root, "docker.io/example/tool:2", "tool");
    Path archive = root.resolve("tool.tar");
    assertThat(CliRun.run(root, "save", "-o", archive.toString(), "example/tool:2").exitCode()).isZero();
    Files.createDirectories(context.resolve("manifests"));
    Files.writeString(context.resolve("manifests/pod.yaml"), "image: example/never-fetched:1\n");
    Path target = root.resolve("elsewhere");

    CliRun.Result result = registrySave("--registry-dir", target.toString(),
        "--images", "oci-archive:" + archive + ":docker.io/example/tool:2", context.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(RegistryDirectory.open(target).tags("example/tool")).containsExactly("2");
    assertThat(context.resolve("registry")).doesNotExist();
    assertThat(id).isNotNull();
  }

  @Test
  void anImageOfAContainerEngineFailsWithAdvice() {
    CliRun.Result result = registrySave(
        "--images", "docker-daemon:docker.io/library/busybox:1.36", context.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("docker-daemon:docker.io/library/busybox:1.36", "given explicitly",
        "no container engine", "docker save");
  }

  @Test
  void theHelloExampleWithoutImageReferencesBuildsOfflineWithTheSaveStepOn() {
    Path hello = Path.of("../examples/hello");

    CliRun.Result result = CliRun.run(root, "build", "--save-image", "--max-pull-procs", "2", "-t", "hello:test",
        hello.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(hello.resolve("registry")).doesNotExist();
  }
}
