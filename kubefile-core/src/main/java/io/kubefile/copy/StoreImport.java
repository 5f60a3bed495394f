package io.kubefile.copy;

import io.kubefile.image.RawManifest;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.util.List;
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

  /** The names to record a copied image under, from what was opened ({@code load}'s rule). */
  @FunctionalInterface
  public interface Naming {
    List<String> namesOf(OpenedImage image) throws IOException;
  }

  /** Copies the image and returns its root manifest as stored: an index with {@code options.allPlatforms()}. */
  public RawManifest copy(TransportReference reference, CopyOptions options) throws IOException {
    return copy(reference, options, null);
  }

  /**
   * As {@link #copy(TransportReference, CopyOptions)}, and records the image under the names
   * {@code naming} gives (none: an unnamed entry), as {@code load} does.
   */
  public RawManifest copy(TransportReference reference, CopyOptions options, Naming naming) throws IOException {
    ExecutorService workers = BlobWorkers.newPool();
    try (OpenedImage opened = sources.open(reference)) {
      StoreSink sink = naming == null ? StoreSink.withoutNaming(store) : new StoreSink(store, naming.namesOf(opened));
      return new ImageCopier(new BlobCache(store), workers).copy(opened.source(), sink, options);
    } finally {
      workers.shutdownNow();
    }
  }
}
