package io.kubefile.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.NoMatchingPlatformException;
import io.kubefile.image.Platform;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import io.kubefile.store.TestImages;
import io.kubefile.transport.ArchiveFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives are written as copies into a sink ({@link ArchiveSink}), whatever the source: the store,
 * another archive, a registry. What comes out is read back by skopeo.
 */
class ArchiveSinkTest {
  private static final String NAME = "docker.io/example/sink:v1";
  private static final String MULTI = "docker.io/example/multi:v1";

  @TempDir Path tmp;
  ImageStore store;
  ExecutorService workers;

  @BeforeEach
  void storeImages() throws Exception {
    store = ImageStore.open(tmp.resolve("store"));
    store.tag(NAME, TestImages.store(store, "sink", true));
    Descriptor amd64 = TestImages.store(store, "amd", false, Platform.parse("linux/amd64"))
        .withPlatform(Platform.parse("linux/amd64"));
    Descriptor arm64 = TestImages.store(store, "arm", false, Platform.parse("linux/arm64"))
        .withPlatform(Platform.parse("linux/arm64"));
    byte[] index = Json.bytes(ImageIndex.oci(List.of(amd64, arm64)));
    store.tag(MULTI, store.putBlob(index).descriptor(MediaTypes.OCI_INDEX));
    workers = Executors.newFixedThreadPool(4);
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  @Test
  void a_docker_archive_copied_into_an_oci_archive_gets_oci_media_types_and_its_name() throws Exception {
    External.assumeInstalled("skopeo");
    Path docker = tmp.resolve("in.docker.tar");
    new ImageSaver(store).save(ArchiveFormat.DOCKER_ARCHIVE, List.of(NAME), docker);
    Path oci = tmp.resolve("out.oci.tar");
    try (OpenedImage opened = new TransportSources(store, null).open(TransportReference.parse("docker-archive:" + docker));
        ArchiveSink archive = ArchiveSink.create(ArchiveFormat.OCI_ARCHIVE, oci)) {
      new ImageCopier(new BlobCache(store), workers)
          .copy(opened.source(), archive.image(List.of(opened.name())), CopyOptions.all(Platform.host()));
      archive.finish();
    }
    JsonNode manifest = Json.mapper().readTree(External.run("skopeo", "inspect", "--raw", "oci-archive:" + oci + ":" + NAME));
    assertThat(manifest.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(manifest.path("config").path("digest").asText())
        .isEqualTo(store.findByName(NAME).orElseThrow().id().toString());
    External.run("skopeo", "copy", "oci-archive:" + oci + ":" + NAME, "dir:" + tmp.resolve("checked"));
  }

  @Test
  void an_oci_archive_keeps_a_multi_platform_index_and_is_the_same_bytes_every_time() throws Exception {
    Path first = tmp.resolve("first.tar");
    Path second = tmp.resolve("second.tar");
    List<RawManifest> saved = new ImageSaver(store).save(ArchiveFormat.OCI_ARCHIVE, List.of(MULTI, NAME), first);
    new ImageSaver(store).save(ArchiveFormat.OCI_ARCHIVE, List.of(MULTI, NAME), second);

    assertThat(saved.get(0).isIndex()).isTrue();
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    External.assumeInstalled("skopeo");
    JsonNode index = Json.mapper().readTree(External.run("skopeo", "inspect", "--raw", "oci-archive:" + first + ":" + MULTI));
    assertThat(index.path("manifests")).hasSize(2);
  }

  @Test
  void a_docker_archive_of_a_multi_platform_image_needs_a_platform_and_writes_nothing_without_one() throws Exception {
    Path docker = tmp.resolve("out/multi.tar");
    assertThatThrownBy(() -> new ImageSaver(store).save(ArchiveFormat.DOCKER_ARCHIVE, List.of(NAME, MULTI), docker))
        .isInstanceOf(NoMatchingPlatformException.class)
        .hasMessage(MULTI + " is a multi-platform image (linux/amd64, linux/arm64) and a docker-archive holds one"
            + " platform: choose it with --platform");
    assertThat(docker.getParent()).satisfies(dir -> assertThat(!Files.exists(dir) || Files.list(dir).findAny().isEmpty()).isTrue());

    new ImageSaver(store).save(List.of(MULTI), TransportReference.parse("docker-archive:" + docker),
        Platform.parse("linux/arm64"));
    assertThat(Files.list(docker.getParent())).containsExactly(docker); // no temporary file left
  }

  @Test
  void the_copier_refuses_every_platform_into_a_sink_that_holds_one() throws Exception {
    try (ArchiveSink archive = ArchiveSink.create(ArchiveFormat.DOCKER_ARCHIVE, tmp.resolve("x.tar"))) {
      assertThatThrownBy(() -> new ImageCopier(new BlobCache(store), workers).copy(
              new StoreSource(store, store.findByName(MULTI).orElseThrow()), archive.image(List.of(MULTI)),
              CopyOptions.all(Platform.host())))
          .isInstanceOf(NoMatchingPlatformException.class)
          .hasMessage(MULTI + " is a multi-platform image (linux/amd64, linux/arm64) and docker-archive:"
              + tmp.resolve("x.tar") + " holds one platform: choose it with --platform");
    }
    assertThat(tmp.resolve("x.tar")).doesNotExist();
  }

  @Test
  void a_name_in_the_destination_is_the_name_the_one_image_is_saved_under() throws Exception {
    Path docker = tmp.resolve("renamed.tar");
    new ImageSaver(store).save(List.of(NAME), TransportReference.parse("docker-archive:" + docker + ":other/name:2"), null);
    try (OpenedImage opened = new TransportSources(store, null)
        .open(TransportReference.parse("docker-archive:" + docker + ":docker.io/other/name:2"))) {
      assertThat(opened.name()).isEqualTo("docker.io/other/name:2");
      assertThat(opened.source().root().asManifest().config().digest())
          .isEqualTo(store.findByName(NAME).orElseThrow().id());
    }
    assertThatThrownBy(() -> new ImageSaver(store).save(List.of(NAME, MULTI),
            TransportReference.parse("oci-archive:" + tmp.resolve("two.tar") + ":x:1"), null))
        .hasMessage("save to oci-archive:" + tmp.resolve("two.tar") + ":x:1: a name in the destination names one"
            + " image, not 2; save to oci-archive:" + tmp.resolve("two.tar") + " instead");
  }
}
