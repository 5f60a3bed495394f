package io.kubefile.save;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.discovery.DiscoveredImage;
import io.kubefile.discovery.ImageDiscovery;
import io.kubefile.distribution.FaultProxy;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Json;
import io.kubefile.image.Platform;
import io.kubefile.registrydir.RegistryDirectory;
import io.kubefile.save.SourceImages.Image;
import io.kubefile.save.SourceImages.Index;
import io.kubefile.save.SourceImages.Layer;
import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving a build context's images into registry/, against real registries on loopback: the images
 * are pushed to a source docker-registry (read through a proxy that records every request), saved, and the saved
 * directory is served by a second docker-registry and checked with skopeo.
 */
class RegistrySaverTest {
  static final Platform AMD64 = Platform.parse("linux/amd64");

  @TempDir static Path shared;
  static RegistryServer source;
  static RegistryServer otherSource;
  static FaultProxy proxy;

  static final Layer SHARED_BASE = SourceImages.layer("shared-base", 64 * 1024);
  static final Image APP_A = SourceImages.dockerImage("app-a", "amd64", SHARED_BASE, SourceImages.layer("a", 16 * 1024));
  static final Image APP_B = SourceImages.ociImage("app-b", "amd64", SHARED_BASE, SourceImages.layer("b", 16 * 1024));
  static final Index MULTI = SourceImages.ociIndex("multi");
  static final Image IMPOSTOR = SourceImages.dockerImage("impostor", "amd64", SourceImages.layer("impostor", 1024));

  @TempDir Path context;
  @TempDir Path storeRoot;
  @TempDir Path work;

  @BeforeAll
  static void pushSourceImages() throws Exception {
    source = RegistryServer.serve(shared.resolve("source"), shared);
    otherSource = RegistryServer.serve(shared.resolve("other-source"), shared);
    proxy = new FaultProxy(source.host());
    RegistryClient client = RegistryClient.builder().build();
    APP_A.push(client, ImageReference.parse(source.host() + "/team/app-a:1"));
    APP_B.push(client, ImageReference.parse(source.host() + "/team/app-b:1"));
    APP_B.push(client, ImageReference.parse(source.host() + "/team/app-b"));
    MULTI.push(client, ImageReference.parse(source.host() + "/team/multi:1"));
    // Another registry's image with the same path and tag: the host is dropped in registry/, so they collide.
    IMPOSTOR.push(client, ImageReference.parse(otherSource.host() + "/team/app-a:1"));
  }

  @AfterAll
  static void stopRegistries() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (source != null) {
      source.close();
    }
    if (otherSource != null) {
      otherSource.close();
    }
  }

  @BeforeEach
  void forgetRequests() {
    Skopeo.assumeInstalled();
    proxy.clearLog();
  }

  // ------------------------------------------------------------------------------------- the contexts

  /** manifests/ references app-a and app-b (sharing a layer); the shim lists the multi-platform image. */
  private void writeAppContext() throws Exception {
    write("manifests/deploy.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        spec:
          template:
            spec:
              containers:
              - name: a
                image: %1$s/team/app-a:1
              - name: b
                image: %1$s/team/app-b:1
        """.formatted(proxy.host()));
    write("images/shim/images.txt", proxy.host() + "/team/multi:1\n");
  }

  private void write(String file, String content) throws Exception {
    Path path = context.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
  }

  private List<DiscoveredImage> discovered() {
    return ImageDiscovery.discover(context).images();
  }

  private RegistrySaver.Builder saver(Path registryDirectory, ImageStore store) throws Exception {
    return RegistrySaver.builder()
        .registryDirectory(registryDirectory)
        .client(RegistryClient.builder().build())
        .blobCache(store)
        .context(context)
        .platform(AMD64);
  }

  private SaveReport save(boolean all) throws Exception {
    return saver(context.resolve("registry"), ImageStore.open(storeRoot)).allPlatforms(all).build().save(discovered());
  }

  private String servedDigest(RegistryServer served, String image) throws Exception {
    return Skopeo.digestOf(work, served.host() + "/" + image);
  }

  // ------------------------------------------------------------------------------------------ specs

  @Test
  void everyDiscoveredImageIsServedFromTheSavedDirectoryWithTheSourceDigests() throws Exception {
    writeAppContext();

    SaveReport report = save(false);

    assertThat(report.saved()).extracting(s -> s.target().toString())
        .containsExactlyInAnyOrder("team/app-a:1", "team/app-b:1", "team/multi:1");
    try (RegistryServer served = RegistryServer.serve(context.resolve("registry"), work)) {
      assertThat(servedDigest(served, "team/app-a:1")).isEqualTo(APP_A.digest().toString());
      assertThat(servedDigest(served, "team/app-b:1")).isEqualTo(APP_B.digest().toString());
      // Default: the selected platform's manifest, tagged (upstream's CopySystemImage).
      assertThat(servedDigest(served, "team/multi:1")).isEqualTo(MULTI.byArchitecture().get("amd64").digest().toString());
    }
    assertThat(RegistryDirectory.open(context.resolve("registry")).leftoverTemporaryFiles()).isEmpty();
  }

  @Test
  void anImageWithoutATagIsListedAsWrittenAndSavedAsLatest() throws Exception {
    write("manifests/deploy.yaml", "image: %s/team/app-b\n".formatted(proxy.host()));

    assertThat(discovered()).extracting(DiscoveredImage::name).containsExactly(proxy.host() + "/team/app-b");
    SaveReport report = save(false);

    assertThat(report.saved()).extracting(s -> s.target().toString()).containsExactly("team/app-b:latest");
    try (RegistryServer served = RegistryServer.serve(context.resolve("registry"), work)) {
      assertThat(servedDigest(served, "team/app-b:latest")).isEqualTo(APP_B.digest().toString());
    }
  }

  @Test
  void aLayerSharedByTwoImagesIsDownloadedOnce() throws Exception {
    writeAppContext();

    SaveReport report = save(false);

    assertThat(proxy.downloadsOf(SHARED_BASE.digest().toString())).isEqualTo(1);
    // app-a: config, base, own layer; app-b: config, own layer; multi (amd64): config, base, own layer.
    assertThat(proxy.blobDownloads()).hasSize(8);
    assertThat(report.blobsDownloaded()).isEqualTo(8);
  }

  @Test
  void aSecondSaveDownloadsNoBlob() throws Exception {
    writeAppContext();
    save(false);
    proxy.clearLog();

    SaveReport again = save(false);

    assertThat(proxy.blobDownloads()).isEmpty();
    assertThat(again.blobsDownloaded()).isZero();
    assertThat(again.saved()).hasSize(3);
  }

  @Test
  void blobsAlreadyInTheLocalStoreAreLinkedIntoAFreshDirectoryWithoutDownloading() throws Exception {
    writeAppContext();
    save(false);
    proxy.clearLog();
    Path freshDirectory = work.resolve("fresh-registry");

    saver(freshDirectory, ImageStore.open(storeRoot)).build().save(discovered());

    assertThat(proxy.blobDownloads()).isEmpty();
    try (RegistryServer served = RegistryServer.serve(freshDirectory, work)) {
      assertThat(servedDigest(served, "team/app-b:1")).isEqualTo(APP_B.digest().toString());
    }
  }

  @Test
  void allKeepsTheWholeIndexAndEveryPlatform() throws Exception {
    writeAppContext();

    save(true);

    try (RegistryServer served = RegistryServer.serve(context.resolve("registry"), work)) {
      assertThat(servedDigest(served, "team/multi:1")).isEqualTo(MULTI.digest().toString());
      String arm64 = served.host() + "/team/multi@" + MULTI.byArchitecture().get("arm64").digest();
      Skopeo.run(work, "copy", "--src-tls-verify=false", "docker://" + arm64, "dir:" + work.resolve("arm64"));
    }
  }

  @Test
  void twoHostsWithDifferentImagesUnderOneRepositoryAndTagFailNamingBothAndWriteNothing() throws Exception {
    write("manifests/deploy.yaml", """
        image: %s/team/app-a:1
        image: %s/team/app-a:1
        """.formatted(proxy.host(), otherSource.host()));

    assertThatThrownBy(() -> save(false))
        .isInstanceOf(RegistrySaveException.class)
        .hasMessageContaining(proxy.host() + "/team/app-a:1")
        .hasMessageContaining(otherSource.host() + "/team/app-a:1")
        .hasMessageContaining("team/app-a:1")
        .hasMessageContaining("manifests/deploy.yaml:1")
        .hasMessageContaining("manifests/deploy.yaml:2");
    assertThat(context.resolve("registry")).doesNotExist();
    assertThat(proxy.blobDownloads()).isEmpty();
  }

  @Test
  void aMissingImageFailsNamingItsFileAndLineWhileTheOthersAreSaved() throws Exception {
    write("manifests/deploy.yaml", """
        containers:
        - image: %1$s/team/app-b:1
        - image: %1$s/team/missing:1
        """.formatted(proxy.host()));

    RegistrySaveException failure = org.junit.jupiter.api.Assertions.assertThrows(
        RegistrySaveException.class, () -> save(false));

    assertThat(failure.getMessage())
        .contains(proxy.host() + "/team/missing:1")
        .contains("manifests/deploy.yaml:3");
    assertThat(failure.failures()).hasSize(1);
    assertThat(failure.report().saved()).extracting(s -> s.target().toString()).containsExactly("team/app-b:1");
    try (RegistryServer served = RegistryServer.serve(context.resolve("registry"), work)) {
      assertThat(servedDigest(served, "team/app-b:1")).isEqualTo(APP_B.digest().toString());
    }
  }

  @Test
  void archivesListedInSkopeoTarTxtAreServedWithoutTouchingAnyRegistry() throws Exception {
    Path skopeoDir = context.resolve("images/skopeo");
    Files.createDirectories(skopeoDir.resolve("sub"));
    Skopeo.run(work, "copy", "--src-tls-verify=false", "docker://" + source.host() + "/team/app-a:1",
        "docker-archive:" + skopeoDir.resolve("app-a.tar"));
    Skopeo.run(work, "copy", "--src-tls-verify=false", "docker://" + source.host() + "/team/app-b:1",
        "oci-archive:" + skopeoDir.resolve("sub/app-b.tar"));
    write("images/skopeo/tar.txt", """
        docker-archive:app-a.tar@archived/docker-app:1
        oci-archive:sub/app-b.tar@archived/oci-app:1
        """);

    save(false);

    assertThat(proxy.exchanges()).isEmpty();
    try (RegistryServer served = RegistryServer.serve(context.resolve("registry"), work)) {
      // An OCI layout is content-addressed: the manifest survives byte-for-byte.
      assertThat(servedDigest(served, "archived/oci-app:1")).isEqualTo(APP_B.digest().toString());
      // A docker-archive has no manifest: ours is synthesized over the config and the uncompressed layers.
      JsonNode manifest = Json.mapper().readTree(
          Skopeo.run(work, "inspect", "--raw", "--tls-verify=false", "docker://" + served.host() + "/archived/docker-app:1"));
      assertThat(manifest.path("config").path("digest").asText()).isEqualTo(APP_A.configDigest().toString());
      assertThat(manifest.path("layers").findValuesAsText("digest"))
          .containsExactly(SHARED_BASE.diffId().toString(), APP_A.layers().get(1).diffId().toString());
      // skopeo verifies every blob it copies against the manifest.
      Skopeo.run(work, "copy", "--src-tls-verify=false",
          "docker://" + served.host() + "/archived/docker-app:1", "dir:" + work.resolve("docker-app"));
    }
  }

  @Test
  void imagesAreSavedInParallel() throws Exception {
    writeAppContext();
    // Blob requests wait until those of all three images are in flight together: saved one image
    // after another, they never would be.
    proxy.holdBlobsUntilInFlightFor(3, Duration.ofSeconds(30));

    SaveReport report = saver(context.resolve("registry"), ImageStore.open(storeRoot)).maxParallelImages(3).build()
        .save(discovered());

    assertThat(proxy.parallelBlobRequestsSeen()).as("blob requests of three images in flight at once").isTrue();
    assertThat(report.saved()).hasSize(3);
  }

  @Test
  void oneImageAtATimeIsSavedSerially() throws Exception {
    writeAppContext();
    proxy.holdBlobsUntilInFlightFor(2, Duration.ofSeconds(1));

    saver(context.resolve("registry"), ImageStore.open(storeRoot)).maxParallelImages(1).build().save(discovered());

    assertThat(proxy.blobDownloads()).extracting(e -> e.path().substring(0, e.path().indexOf("/blobs/")))
        .contains("/v2/team/app-a", "/v2/team/app-b", "/v2/team/multi");
    assertThat(proxy.parallelBlobRequestsSeen()).as("blob requests of two images in flight at once").isFalse();
  }

  @Test
  void anImageInAContainerEngineFailsWithAdviceInsteadOfNeedingAnEngine() throws Exception {
    write("images/shim/images.txt", "containers-storage:docker.io/library/busybox:1.36\n");

    assertThatThrownBy(() -> save(false))
        .isInstanceOf(RegistrySaveException.class)
        .hasMessageContaining("images/shim/images.txt:1")
        .hasMessageContaining("no container engine")
        .hasMessageContaining("docker save");
  }

  @Test
  void aContextWithoutImagesCreatesNoRegistryDirectory() throws Exception {
    write("manifests/config.yaml", "kind: ConfigMap\n");

    SaveReport report = save(false);

    assertThat(report.saved()).isEmpty();
    assertThat(context.resolve("registry")).doesNotExist();
  }
}
