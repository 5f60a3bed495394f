package io.kubefile.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageReference;
import io.kubefile.image.access.CopySource;
import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store as the blob cache: each blob downloaded at most once, however many copies need it. */
class BlobCacheTest {
  @TempDir Path tmp;
  CopyTestRegistry registry;
  ImageReference image;
  Descriptor layer;

  @BeforeEach
  void pushAnImage() throws Exception {
    registry = new CopyTestRegistry(tmp.resolve("registry"));
    image = registry.push(ImageStore.open(tmp.resolve("scratch")), "cached", "cached");
    layer = new RegistrySource(registry.client, image).root().asManifest().layers().get(0);
    registry.proxy.clearLog();
  }

  @AfterEach
  void stop() throws Exception {
    registry.close();
  }

  @Test
  void concurrentRequestsForOneBlobDownloadItOnce() throws Exception {
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    BlobCache cache = new BlobCache(store);
    CopySource source = new RegistrySource(registry.client, image);
    List<CompletableFuture<Path>> gets = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      gets.add(CompletableFuture.supplyAsync(() -> {
        try {
          return cache.get(layer, source);
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      }, registry.workers));
    }
    for (CompletableFuture<Path> get : gets) {
      assertThat(get.get()).isEqualTo(store.blobPath(layer.digest()));
    }
    assertThat(registry.proxy.downloadsOf(layer.digest().toString())).isEqualTo(1);
  }

  @Test
  void aBlobTheStoreHoldsIsNeverDownloaded() throws Exception {
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    new BlobCache(store).get(layer, new RegistrySource(registry.client, image));
    registry.proxy.clearLog();

    Path again = new BlobCache(store).get(layer, new RegistrySource(registry.client, image));

    assertThat(Files.size(again)).isEqualTo(layer.size());
    assertThat(registry.proxy.blobDownloads()).isEmpty();
  }
}
