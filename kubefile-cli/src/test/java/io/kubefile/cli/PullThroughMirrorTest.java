package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.distribution.FaultProxy;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.Descriptor;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI fleets behind a pull-through mirror (README, "Many machines, one pull-through mirror"): two
 * machines (two stores) build contexts that name the same images, and a third pulls and saves them,
 * upstream, through a Debian
 * docker-registry running with {@code proxy: remoteurl:} in front of the upstream docker-registry,
 * named as a mirror in registries.conf. Counting proxies in front of both show that every read (FROM,
 * build's save step) went to the mirror, that the mirror served both machines, and that the upstream
 * sent each blob for the first machine only: the second one cost the upstream nothing.
 */
class PullThroughMirrorTest {
  @TempDir Path tmp;

  @Test
  void two_machines_building_through_one_pull_through_mirror_fetch_each_blob_from_upstream_for_the_first_machine_only() throws Exception {
    try (RegistryServer upstreamRegistry = RegistryServer.startPlain(tmp.resolve("upstream"));
        FaultProxy upstream = new FaultProxy(upstreamRegistry.host());
        RegistryServer mirrorRegistry = RegistryServer.start(tmp.resolve("mirror"), "",
            String.join("\n", "proxy:", "  remoteurl: http://" + upstream.host()));
        FaultProxy mirror = new FaultProxy(mirrorRegistry.host())) {
      String base = upstream.host() + "/fleet/base:v1";
      String app = upstream.host() + "/fleet/app:v1";
      Path publisher = tmp.resolve("publisher");
      CliRun.storeImage(publisher, base, "base");
      CliRun.storeImage(publisher, app, "app");
      for (String name : List.of(base, app)) {
        // Uncompressed, so the registry holds the very blobs of the publisher's store.
        CliRun.Result push = CliRun.run(publisher, "push", "-q", "--compression-format", "none", name);
        assertThat(push.exitCode()).as(push.err()).isZero();
      }
      upstream.clearLog();
      Path conf = tmp.resolve("registries.conf");
      Files.writeString(conf, String.join("\n",
          "[[registry]]",
          "location = \"" + upstream.host() + "\"",
          "insecure = true",
          "[[registry.mirror]]",
          "location = \"" + mirror.host() + "\"",
          "insecure = true",
          ""));

      List<Integer> upstreamDownloadsAfterEachMachine = new ArrayList<>();
      for (String machine : List.of("machine-a", "machine-b")) {
        Path context = Files.createDirectories(tmp.resolve(machine + "/context/images/shim"));
        Files.writeString(context.resolve("list"), app + "\n");
        Files.writeString(tmp.resolve(machine + "/context/Kubefile"), "FROM " + base + "\nCOPY registry registry\n");
        CliRun.Result build = CliRun.run(tmp.resolve(machine + "/store"), "build", "-q", "--retry=1",
            "--registries-conf=" + conf, "-t", "fleet/cluster:v1", tmp.resolve(machine + "/context").toString());
        assertThat(build.exitCode()).as(machine + ": " + build.err()).isZero();
        upstreamDownloadsAfterEachMachine.add(upstream.blobDownloads().size());
      }

      // A third machine reads the same images with pull and registry save.
      Path third = tmp.resolve("machine-c/store");
      CliRun.Result pull = CliRun.run(third, "pull", "-q", "--retry=1", "--registries-conf=" + conf, base);
      assertThat(pull.exitCode()).as(pull.err()).isZero();
      Path saveContext = Files.createDirectories(tmp.resolve("machine-c/context/images/shim"));
      Files.writeString(saveContext.resolve("list"), app + "\n");
      CliRun.Result save = CliRun.runWithoutStore("registry", "save", "--root=" + third, "-q", "--retry=1",
          "--registries-conf=" + conf, tmp.resolve("machine-c/context").toString());
      assertThat(save.exitCode()).as(save.err()).isZero();
      upstreamDownloadsAfterEachMachine.add(upstream.blobDownloads().size());

      List<String> blobs = new ArrayList<>();
      ImageStore published = ImageStore.open(publisher);
      for (String name : List.of(base, app)) {
        StoredImage image = published.findByName(name).orElseThrow();
        blobs.add(image.manifest().config().digest().toString());
        image.manifest().layers().stream().map(Descriptor::digest).map(Object::toString).forEach(blobs::add);
      }
      for (String blob : blobs) {
        assertThat(mirror.downloadsOf(blob)).as("the mirror served %s to each machine", blob).isEqualTo(3);
        // docker-registry 2.8 answers its first miss of a blob with two upstream reads, one streamed to
        // the client and one stored (registry/proxy/proxyblobstore.go); none after that.
        assertThat(upstream.downloadsOf(blob)).as("upstream sent %s for the first machine only", blob).isBetween(1L, 2L);
      }
      assertThat(upstreamDownloadsAfterEachMachine).as("later machines cost upstream nothing")
          .containsOnly(upstreamDownloadsAfterEachMachine.get(0));
    }
  }
}
