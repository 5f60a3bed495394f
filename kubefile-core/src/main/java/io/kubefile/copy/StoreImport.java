package io.kubefile.copy;

import io.kubefile.image.RawManifest;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.util.concurrent.ExecutorService;

/**
 * Copies an image from wherever a {@link TransportReference} says (a registry, an OCI layout, an
 * oci-archive or docker-archive) into the store without naming it, through the one copier every
 * command uses: for {@code manifest add}/{@code create}, whose list then refers to it. The caller
 * holds a {@link io.kubefile.store.StoreLease} until something refers to the copy, so that prune
 * leaves it alone.
 */
public final class StoreImport {
  private final ImageStore store;
  private final TransportSources sources;

  public StoreImport(ImageStore store, TransportSources sources) {
    this.store = store;
    this.sources = sources;
  }

  /** Copies the image and returns its root manifest as stored: an index with {@code options.allPlatforms()}. */
  public RawManifest copy(TransportReference reference, CopyOptions options) throws IOException {
    ExecutorService workers = BlobWorkers.newPool();
    try (OpenedImage opened = sources.open(reference)) {
      return new ImageCopier(new BlobCache(store), workers)
          .copy(opened.source(), StoreSink.withoutNaming(store), options);
    } finally {
      workers.shutdownNow();
    }
  }
}
