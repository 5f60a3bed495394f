package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.copy.ImagePusher;
import io.kubefile.copy.RegistrySink;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.ImageReference;
import io.kubefile.save.RegistrySaver;
import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole sealos pipeline through the library: discover, save into registry/, build. */
class ClusterImageBuildTest {
  @TempDir Path tmp;

  @Test
  void theLibraryFacadeFillsRegistryAndBuildsItIntoTheImage() throws Exception {
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    try (RegistryServer registry = RegistryServer.startPlain(Files.createDirectories(tmp.resolve("registry-server")))) {
      // An application image in a loopback registry, built and pushed with the library too.
      Path appContext = TestContexts.simple(Files.createDirectories(tmp.resolve("app")));
      String app = registry.host() + "/team/app:v1";
      KubefileBuilder.forContext(appContext).store(store).tag(app).build();
      RegistryClient client = RegistryClient.builder().build();
      new ImagePusher(store).push(store.resolve(app).orElseThrow(),
          new RegistrySink(client, ImageReference.parse(app)), false);
      // The cluster image's context names it in a manifest and copies registry/.
      Path context = TestContexts.withKubefile(Files.createDirectories(tmp.resolve("cluster")),
          "FROM scratch\nCOPY manifests manifests\nCOPY registry registry\n");
      Files.writeString(context.resolve("manifests/deploy.yaml"), "containers:\n- image: " + app + "\n");
      List<String> warnings = new ArrayList<>();

      BuildResult result = ClusterImageBuild.of(
              KubefileBuilder.forContext(context).store(store).tag("example/cluster:v1").warnings(warnings::add),
              RegistrySaver.builder().registryDirectory(context.resolve("registry")).context(context)
                  .client(client).blobCache(store).build())
          .build();

      assertThat(warnings).isEmpty();
      assertThat(context.resolve("registry/docker/registry/v2/repositories/team/app/_manifests/tags/v1")).isDirectory();
      assertThat(entriesOfLastLayer(store, result)).contains(
          "registry/docker/registry/v2/repositories/team/app/_manifests/tags/v1/current/link");
    }
  }

  @Test
  void withoutASaverOnlyTheBuildRuns() throws Exception {
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    Path context = TestContexts.simple(Files.createDirectories(tmp.resolve("cluster")));
    Files.writeString(context.resolve("manifests/deploy.yaml"), "containers:\n- image: 127.0.0.1:1/never/asked:v1\n");

    BuildResult result = ClusterImageBuild.of(KubefileBuilder.forContext(context).store(store), null).build();

    assertThat(result.imageId()).isNotNull();
    assertThat(context.resolve("registry")).doesNotExist();
  }

  private static List<String> entriesOfLastLayer(ImageStore store, BuildResult result) throws Exception {
    var layers = store.imageOf(result.manifest()).manifest().layers();
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        Files.newInputStream(store.blobPath(layers.get(layers.size() - 1).digest())))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
