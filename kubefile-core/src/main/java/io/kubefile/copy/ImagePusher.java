package io.kubefile.copy;

import io.kubefile.distribution.RawManifest;
import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.util.concurrent.ExecutorService;

/**
 * Copies a stored image to a sink: a registry (push), or a second OCI layout. Blobs the sink
 * already holds are skipped; manifests keep their bytes, so the pushed digest is the stored one
 * (or, without {@code allPlatforms}, the host platform's manifest of a stored index).
 */
public final class ImagePusher {
  private final ImageStore store;

  public ImagePusher(ImageStore store) {
    this.store = store;
  }

  /** Copies {@code image} to {@code sink} and returns the root manifest written there. */
  public RawManifest push(StoredImage image, CopySink sink, boolean allPlatforms) throws IOException {
    ExecutorService workers = BlobWorkers.newPool();
    try {
      CopyOptions options = allPlatforms ? CopyOptions.all(Platform.host()) : CopyOptions.forPlatform(Platform.host());
      return new ImageCopier(new BlobCache(store), workers).copy(new StoreSource(store, image), sink, options);
    } finally {
      workers.shutdownNow();
    }
  }
}
