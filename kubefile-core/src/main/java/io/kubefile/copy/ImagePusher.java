package io.kubefile.copy;

import io.kubefile.image.Platform;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySink;
import io.kubefile.image.access.CopySource;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreLease;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.util.concurrent.ExecutorService;

/**
 * Copies a stored image to a sink: a registry (push), or a second OCI layout. Blobs the sink
 * already holds are skipped. Uncompressed, manifests keep their bytes, so the pushed digest is the
 * stored one (or, without {@code allPlatforms}, the host platform's manifest of a stored index);
 * with gzip, the uncompressed layers are compressed on the way and the manifests rewritten.
 */
public final class ImagePusher {
  private final ImageStore store;

  public ImagePusher(ImageStore store) {
    this.store = store;
  }

  /** Copies {@code image} to {@code sink} as stored (no compression); returns the root manifest written. */
  public RawManifest push(StoredImage image, CopySink sink, boolean allPlatforms) throws IOException {
    return push(image, sink, allPlatforms, CompressionFormat.NONE);
  }

  /** Copies {@code image} to {@code sink}, compressing layers as asked; returns the root manifest written. */
  public RawManifest push(StoredImage image, CopySink sink, boolean allPlatforms, CompressionFormat compression)
      throws IOException {
    ExecutorService workers = BlobWorkers.newPool();
    // The compressed blobs belong to no stored image: the lease keeps prune off them until they are sent.
    try (StoreLease ignored = compression == CompressionFormat.NONE ? null : store.lease()) {
      CopyOptions options = allPlatforms ? CopyOptions.all(Platform.host()) : CopyOptions.forPlatform(Platform.host());
      CopySource source = new StoreSource(store, image);
      if (compression == CompressionFormat.GZIP) {
        source = new CompressingSource(source, new LayerCompression(store), options, workers);
      }
      return new ImageCopier(new BlobCache(store), workers).copy(source, sink, options);
    } finally {
      workers.shutdownNow();
    }
  }
}
