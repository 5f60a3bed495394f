package io.kubefile.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.copy.ImageSaver;
import io.kubefile.copy.OpenedImage;
import io.kubefile.copy.SourceImageReader;
import io.kubefile.copy.TransportSources;
import io.kubefile.image.Digest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import io.kubefile.store.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveRoundTripTest {
  static final String HELLO = "docker.io/example/hello:v1";
  static final String WORLD = "docker.io/example/world:v2";

  @TempDir Path tmp;
  ImageStore source;
  Digest helloId;
  Digest worldId;

  @BeforeEach
  void storeTwoImages() throws IOException {
    source = ImageStore.open(tmp.resolve("source"));
    source.tag(HELLO, TestImages.store(source, "hello", true));
    source.tag(WORLD, TestImages.store(source, "world", false));
    helloId = source.resolve(HELLO).orElseThrow().id();
    worldId = source.resolve(WORLD).orElseThrow().id();
  }

  @Test
  void oci_archive_round_trips_several_images_with_their_names() throws IOException {
    Path archive = tmp.resolve("out/images.tar");
    new ImageSaver(source).save(ArchiveFormat.OCI_ARCHIVE, List.of(HELLO, WORLD), archive);
    assertThat(archive).isRegularFile();
    assertThat(Files.list(archive.getParent())).hasSize(1); // no temp file left next to it

    ImageStore target = ImageStore.open(tmp.resolve("target"));
    List<LoadedImage> loaded = ArchiveLoader.load(target, archive);

    assertThat(loaded).extracting(LoadedImage::id).containsExactly(helloId, worldId);
    assertThat(target.resolve(HELLO)).get().extracting(StoredImage::id).isEqualTo(helloId);
    assertThat(target.resolve(WORLD)).get().extracting(StoredImage::id).isEqualTo(worldId);
    assertThat(target.prune().removedTempFiles()).isZero(); // the loader cleaned up after itself
  }

  @Test
  void docker_archive_round_trips_with_uncompressed_layers_matching_diff_ids() throws IOException {
    Path archive = tmp.resolve("images.tar");
    new ImageSaver(source).save(ArchiveFormat.DOCKER_ARCHIVE, List.of(HELLO, WORLD), archive);

    TarArchive contents = TarArchive.open(archive, tmp.resolve("work"));
    JsonNode manifest = Json.mapper().readTree(contents.read("manifest.json"));
    assertThat(manifest).hasSize(2);
    assertThat(manifest.get(0).get("Config").asText()).isEqualTo(helloId.hex() + ".json");
    assertThat(manifest.get(0).get("RepoTags").get(0).asText()).isEqualTo(HELLO);
    StoredImage hello = source.resolve(HELLO).orElseThrow();
    for (int i = 0; i < 2; i++) {
      TarArchive.EntryDigest layer = contents.digest(manifest.get(0).get("Layers").get(i).asText());
      assertThat(layer.gzipped()).isFalse();
      assertThat(layer.digest()).isEqualTo(hello.config().rootfs().diffIds().get(i));
    }
    assertThat(contents.contains("repositories")).isTrue();
    contents.close();

    ImageStore target = ImageStore.open(tmp.resolve("target"));
    ArchiveLoader.load(target, archive);
    StoredImage loaded = target.resolve(HELLO).orElseThrow();
    assertThat(loaded.id()).isEqualTo(helloId);
    assertThat(loaded.manifest().layers()).allMatch(l -> l.mediaType().equals(MediaTypes.OCI_LAYER));
    assertThat(target.resolve(WORLD)).get().extracting(StoredImage::id).isEqualTo(worldId);
  }

  @Test
  void a_gzip_compressed_archive_loads_too() throws IOException {
    Path archive = tmp.resolve("images.tar");
    new ImageSaver(source).save(ArchiveFormat.OCI_ARCHIVE, List.of(HELLO), archive);
    Path gz = tmp.resolve("images.tar.gz");
    Files.write(gz, TestImages.gzip(Files.readAllBytes(archive)));

    ImageStore target = ImageStore.open(tmp.resolve("target"));
    ArchiveLoader.load(target, gz);
    assertThat(target.resolve(HELLO)).isPresent();
  }

  @Test
  void image_sources_read_archives_layouts_and_the_store_alike() throws IOException {
    Path oci = tmp.resolve("hello.oci.tar");
    Path docker = tmp.resolve("hello.docker.tar");
    new ImageSaver(source).save(ArchiveFormat.OCI_ARCHIVE, List.of(HELLO), oci);
    new ImageSaver(source).save(ArchiveFormat.DOCKER_ARCHIVE, List.of(HELLO), docker);
    Path twoImages = tmp.resolve("two.oci.tar");
    new ImageSaver(source).save(ArchiveFormat.OCI_ARCHIVE, List.of(HELLO, WORLD), twoImages);

    for (String ref : List.of(HELLO, "example/hello:v1", helloId.hex().substring(0, 6),
        "oci-archive:" + oci, "docker-archive:" + docker, "oci:" + source.root() + ":" + HELLO,
        "oci-archive:" + twoImages + ":" + HELLO)) {
      SourceImage image = read(ref);
      assertThat(image.id()).as(ref).isEqualTo(helloId);
      assertThat(image.name()).as(ref).isEqualTo(HELLO);
      assertThat(image.configJson().get("config").get("Labels").get("seed").asText()).isEqualTo("hello");
    }
    // The docker-archive's manifest digest is the one a load stores.
    ImageStore target = ImageStore.open(tmp.resolve("target"));
    ArchiveLoader.load(target, docker);
    assertThat(read("docker-archive:" + docker).manifestDigest())
        .isEqualTo(target.resolve(HELLO).orElseThrow().manifestDescriptor().digest());
  }

  @Test
  void a_name_the_archive_does_not_hold_is_an_error_listing_what_it_holds_never_its_only_image() throws IOException {
    Path oci = tmp.resolve("hello.oci.tar");
    Path docker = tmp.resolve("hello.docker.tar");
    Path two = tmp.resolve("two.oci.tar");
    new ImageSaver(source).save(ArchiveFormat.OCI_ARCHIVE, List.of(HELLO), oci);
    new ImageSaver(source).save(ArchiveFormat.DOCKER_ARCHIVE, List.of(HELLO), docker);
    new ImageSaver(source).save(ArchiveFormat.OCI_ARCHIVE, List.of(HELLO, WORLD), two);

    assertThatThrownBy(() -> read("oci-archive:" + oci + ":wrongname"))
        .hasMessage("oci-archive:" + oci + " holds no image named wrongname; it holds " + HELLO);
    assertThatThrownBy(() -> read("docker-archive:" + docker + ":example/hello:v2"))
        .hasMessage("docker-archive:" + docker + " holds no image named example/hello:v2; it holds " + HELLO);
    assertThatThrownBy(() -> read("oci-archive:" + two))
        .hasMessage("oci-archive:" + two + " holds 2 images (" + HELLO + ", " + WORLD + "): name one as oci-archive:"
            + two + ":NAME");
    assertThat(read("oci-archive:" + oci).id()).isEqualTo(helloId); // without a name: the only image
  }

  /** What inspect shows: the image through its transport, as the store holds or would hold it. */
  private SourceImage read(String reference) throws IOException {
    try (OpenedImage opened = new TransportSources(source, null).open(TransportReference.parse(reference))) {
      return SourceImageReader.readAsStored(opened.source(), opened.name(), Platform.host());
    }
  }
}
