package io.kubefile.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.Platform;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import io.kubefile.store.TestImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code registry/} directory is read in place as {@code registry-dir:DIR:NAME}, NAME without its
 * registry host as sealos stores it; what is not there is named with what is.
 */
class RegistryDirectorySourceTest {
  @TempDir Path tmp;

  @Test
  void an_image_saved_into_registry_dir_reads_back_with_its_exact_manifest() throws Exception {
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    store.tag("quay.io/example/app:v1", TestImages.store(store, "app", true));
    StoredImage image = store.findByName("quay.io/example/app:v1").orElseThrow();
    Path registry = tmp.resolve("context/registry");
    new ImageSaver(store).save(List.of(image.name()), TransportReference.parse("registry-dir:" + registry), null);

    TransportSources sources = new TransportSources(store, null);
    try (OpenedImage opened = sources.open(TransportReference.parse("registry-dir:" + registry + ":quay.io/example/app:v1"))) {
      RawManifest root = opened.source().root();
      assertThat(root.digest()).isEqualTo(image.manifestDescriptor().digest());
      assertThat(opened.name()).isEqualTo("quay.io/example/app:v1");
      ImageStore copy = ImageStore.open(tmp.resolve("copy"));
      new StoreImport(copy, sources).copy(TransportReference.parse("registry-dir:" + registry + ":example/app:v1"),
          CopyOptions.all(Platform.host()), ignored -> List.of("docker.io/example/app:v1"));
      assertThat(copy.findByName("docker.io/example/app:v1").orElseThrow().id()).isEqualTo(image.id());
    }
    assertThatThrownBy(() -> sources.open(TransportReference.parse("registry-dir:" + registry + ":example/app:v2")).source().root())
        .hasMessage("registry-dir:" + registry + ":example/app:v2: no such image (the repository has tags v1)");
    assertThatThrownBy(() -> sources.open(TransportReference.parse("registry-dir:" + registry + ":other:v1")).source().root())
        .hasMessage("registry-dir:" + registry + ":library/other:v1: no such image (the repository is not there;"
            + " it has example/app)");
    assertThatThrownBy(() -> sources.open(TransportReference.parse("registry-dir:" + registry)))
        .hasMessage("registry-dir:" + registry + " names no image: give one as registry-dir:DIR:NAME[:TAG]");
  }
}
