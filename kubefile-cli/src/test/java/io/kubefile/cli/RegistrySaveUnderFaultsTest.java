package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.distribution.FaultProxy;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.registrydir.RegistryDirectory;
import io.kubefile.save.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5, end to end: {@code kubefile registry save} through a {@link FaultProxy} that cuts blob
 * downloads off midway and answers 500. Transient faults are survived by retries and resumed
 * downloads; a registry that never delivers fails the save with the image and where it is referenced,
 * and leaves registry/ valid (earlier images served, no temporary files) for a later save.
 */
class RegistrySaveUnderFaultsTest {
  @TempDir Path tmp;

  @Test
  void transientFaultsAreSurvivedAndPersistentOnesLeaveRegistryDirectoryValid() throws Exception {
    Skopeo.assumeInstalled();
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path sourceStore = tmp.resolve("source-store");
    Path root = tmp.resolve("store");
    Path context = Files.createDirectories(tmp.resolve("context"));
    Files.createDirectories(context.resolve("manifests"));
    try (RegistryServer source = RegistryServer.startPlain(Files.createDirectories(tmp.resolve("source")));
        FaultProxy proxy = new FaultProxy(source.host())) {
      Path images = Files.createDirectories(tmp.resolve("source-images"));
      for (String name : List.of("one", "two", "three", "four")) {
        byte[] content = new byte[64_000];
        new Random(name.hashCode()).nextBytes(content);
        Files.write(images.resolve(name + ".bin"), content);
        Files.writeString(images.resolve(name + ".kubefile"), "FROM scratch\nCOPY " + name + ".bin /" + name + ".bin\n");
        CliRun.Result build = CliRun.run(sourceStore, "build", "-q", "--save-image=false", "-f",
            images.resolve(name + ".kubefile").toString(), "-t", source.host() + "/e2e/" + name + ":v1",
            images.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        CliRun.Result push = CliRun.run(sourceStore, "push", "-q", source.host() + "/e2e/" + name + ":v1");
        assertThat(push.exitCode()).as(push.err()).isZero();
      }
      String p = proxy.host();
      for (String name : List.of("one", "two", "three")) {
        Files.writeString(context.resolve("manifests/" + name + ".yaml"),
            "kind: Pod\nspec:\n  containers:\n  - image: " + p + "/e2e/" + name + ":v1\n");
      }

      // 1. Layer downloads cut off in the middle three times, and one 500: retried and resumed.
      String layerOne = layerOf(home, source, "one");
      String layerTwo = layerOf(home, source, "two");
      proxy.dropAfter("GET", "/blobs/" + layerOne, 2, 20_000);
      proxy.dropAfter("GET", "/blobs/" + layerTwo, 1, 30_000);
      proxy.answer("GET", "/manifests/", 1, 500, Map.of());
      CliRun.Result first = registrySave(root, context, "--retry-delay", "0.05", "--max-pull-procs", "2");
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(proxy.exchanges()).anyMatch(e -> e.status() == 500);
      assertThat(proxy.exchanges()).as("downloads cut off are resumed with a Range request")
          .anyMatch(e -> e.target().contains(layerOne) && e.range() != null)
          .anyMatch(e -> e.target().contains(layerTwo) && e.range() != null && e.range().matches("bytes=[1-9][0-9]*-"));
      assertServed(home, source, context, List.of("one", "two", "three"));
      assertThat(RegistryDirectory.open(context.resolve("registry")).leftoverTemporaryFiles()).isEmpty();

      // 2. A registry that always drops blob downloads: a clear failure, registry/ still valid.
      Files.writeString(context.resolve("manifests/four.yaml"),
          "kind: Pod\nspec:\n  containers:\n  - image: " + p + "/e2e/four:v1\n");
      proxy.clearLog();
      proxy.dropAfter("GET", "/blobs/sha256:", Integer.MAX_VALUE, 1_000);
      CliRun.Result failed = registrySave(root, context, "--retry", "3", "--retry-delay", "0.05");
      assertThat(failed.exitCode()).as(failed.out() + failed.err()).isNotZero();
      assertThat(failed.err()).contains("could not be saved", p + "/e2e/four:v1 (manifests/four.yaml:4)",
          "failed after 3 attempts");
      assertThat(proxy.exchanges()).anyMatch(e -> e.target().contains("/blobs/"));
      RegistryDirectory registry = RegistryDirectory.open(context.resolve("registry"));
      assertThat(registry.leftoverTemporaryFiles()).isEmpty();
      assertThat(registry.tags("e2e/four")).isEmpty();
      assertServed(home, source, context, List.of("one", "two", "three"));
      try (RegistryServer served = RegistryServer.serve(context.resolve("registry"),
          Files.createDirectories(tmp.resolve("served-after-failure")))) {
        assertThatThrownBy(() -> Skopeo.digestOf(home, served.host() + "/e2e/four:v1"))
            .isInstanceOf(AssertionError.class);
      }

      // 3. Faults gone: the next save completes registry/.
      proxy.clearFaults();
      CliRun.Result last = registrySave(root, context, "--retry-delay", "0.05");
      assertThat(last.exitCode()).as(last.err()).isZero();
      assertThat(RegistryDirectory.open(context.resolve("registry")).leftoverTemporaryFiles()).isEmpty();
      assertServed(home, source, context, List.of("one", "two", "three", "four"));
    }
  }

  /** The digest of the (only) layer of e2e/NAME:v1, about 64 kB. */
  private static String layerOf(Path home, RegistryServer source, String name) throws Exception {
    var json = io.kubefile.image.Json.mapper().readTree(Skopeo.run(home, "inspect", "--tls-verify=false", "--no-tags",
        "docker://" + source.host() + "/e2e/" + name + ":v1"));
    assertThat(json.path("Layers")).hasSize(1);
    return json.path("Layers").get(0).asText();
  }

  /** A docker-registry serving registry/ hands skopeo every image; skopeo checks every blob. */
  private void assertServed(Path home, RegistryServer source, Path context, List<String> names) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "served-");
    try (RegistryServer served = RegistryServer.serve(context.resolve("registry"), dir)) {
      for (String name : names) {
        assertThat(Skopeo.digestOf(home, served.host() + "/e2e/" + name + ":v1"))
            .isEqualTo(Skopeo.digestOf(home, source.host() + "/e2e/" + name + ":v1"));
        Skopeo.run(home, "copy", "--src-tls-verify=false", "docker://" + served.host() + "/e2e/" + name + ":v1",
            "oci:" + dir.resolve("copy-" + name));
      }
    }
  }

  /** {@code kubefile registry save --root=ROOT ARGS… CONTEXT}. */
  private static CliRun.Result registrySave(Path root, Path context, String... args) {
    List<String> all = new ArrayList<>(List.of("registry", "save", "--root=" + root));
    all.addAll(List.of(args));
    all.add(context.toString());
    return CliRun.runWithoutStore(all.toArray(String[]::new));
  }
}
