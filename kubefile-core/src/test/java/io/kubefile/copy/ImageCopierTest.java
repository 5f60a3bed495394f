package io.kubefile.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.image.RawManifest;
import io.kubefile.store.ImageStore;
import io.kubefile.store.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one copier: blobs first (each fetched once, skipped when the sink has it), manifests, then the name. */
class ImageCopierTest {
  @TempDir Path tmp;
  CopyTestRegistry registry;
  ImageStore origin;

  @BeforeEach
  void start() throws Exception {
    registry = new CopyTestRegistry(tmp.resolve("registry"));
    origin = ImageStore.open(tmp.resolve("origin"));
  }

  @AfterEach
  void stop() throws Exception {
    registry.close();
  }

  private ImageCopier copier(ImageStore cache) {
    return new ImageCopier(new BlobCache(cache), registry.workers);
  }

  @Test
  void blobsTheSinkAlreadyHoldsAreNeitherDownloadedNorWrittenAgain() throws Exception {
    ImageReference image = registry.push(ImageStore.open(tmp.resolve("scratch")), "copied", "copied");
    ImageStore first = ImageStore.open(tmp.resolve("first"));
    copier(first).copy(new RegistrySource(registry.client, image), new StoreSink(first, List.of("a:v1")),
        CopyOptions.forPlatform(Platform.host()));
    assertThat(registry.proxy.blobDownloads()).hasSize(3); // config and two layers
    registry.proxy.clearLog();

    RawManifest again = copier(ImageStore.open(tmp.resolve("other-cache"))).copy(
        new RegistrySource(registry.client, image), new StoreSink(first, List.of("b:v1")),
        CopyOptions.forPlatform(Platform.host()));

    assertThat(registry.proxy.blobDownloads()).isEmpty();
    assertThat(first.findByName("b:v1").orElseThrow().manifestDescriptor().digest()).isEqualTo(again.digest());
  }

  @Test
  void anIndexIsNarrowedToThePlatformOrCopiedWhole() throws Exception {
    List<Descriptor> children = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      Platform platform = new Platform(arch, "linux", null);
      children.add(TestImages.store(origin, arch, false, platform).withPlatform(platform));
    }
    RawManifest index = new RawManifest(Json.bytes(ImageIndex.oci(children)), MediaTypes.OCI_INDEX,
        origin.putBlob(Json.bytes(ImageIndex.oci(children))).digest());
    origin.tag("docker.io/test/multi:v1", index.descriptor());
    var stored = origin.findByName("docker.io/test/multi:v1").orElseThrow();
    ImageReference target = ImageReference.parse(registry.registry.host() + "/multi:v1");

    RawManifest arm = copier(origin).copy(new StoreSource(origin, stored), new RegistrySink(registry.client, target),
        CopyOptions.forPlatform(Platform.parse("linux/arm64")));
    assertThat(arm.digest()).isEqualTo(children.get(1).digest());

    RawManifest whole = copier(origin).copy(new StoreSource(origin, stored), new RegistrySink(registry.client, target),
        CopyOptions.all(Platform.host()));
    assertThat(whole.digest()).isEqualTo(index.digest());
    assertThat(new RegistrySource(registry.client, target).root().digest()).isEqualTo(index.digest());
  }
}
