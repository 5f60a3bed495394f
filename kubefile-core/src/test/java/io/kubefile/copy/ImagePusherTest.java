package io.kubefile.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageReference;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.RawManifest;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import io.kubefile.store.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushing a stored image: as stored (same digest), or with uncompressed layers gzipped on the way. */
class ImagePusherTest {
  @TempDir Path tmp;
  CopyTestRegistry registry;
  ImageStore store;
  StoredImage image;

  @BeforeEach
  void start() throws Exception {
    registry = new CopyTestRegistry(tmp.resolve("registry"));
    store = ImageStore.open(tmp.resolve("store"));
    store.tag("docker.io/test/pushed:v1", TestImages.store(store, "pushed", false));
    image = store.findByName("docker.io/test/pushed:v1").orElseThrow();
  }

  @AfterEach
  void stop() throws Exception {
    registry.close();
  }

  @Test
  void withoutCompressionTheRegistryServesTheStoredManifest() throws Exception {
    ImageReference target = ImageReference.parse(registry.registry.host() + "/raw:v1");

    RawManifest pushed = new ImagePusher(store).push(image, new RegistrySink(registry.client, target), false);

    assertThat(pushed.digest()).isEqualTo(image.manifestDescriptor().digest());
    assertThat(new RegistrySource(registry.client, target).root().digest()).isEqualTo(pushed.digest());
  }

  @Test
  void gzipCompressesUncompressedLayersAndKeepsTheConfig() throws Exception {
    ImageReference target = ImageReference.parse(registry.registry.host() + "/gz:v1");

    RawManifest pushed = new ImagePusher(store).push(image, new RegistrySink(registry.client, target), false,
        CompressionFormat.GZIP);

    var manifest = new RegistrySource(registry.client, target).root().asManifest();
    assertThat(pushed.digest()).isNotEqualTo(image.manifestDescriptor().digest());
    assertThat(manifest.config()).isEqualTo(image.manifest().config());
    assertThat(manifest.layers()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.OCI_LAYER_GZIP);
  }
}
