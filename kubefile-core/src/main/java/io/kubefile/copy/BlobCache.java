package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.access.CopySource;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blobs fetched once: the local store doubles as the blob cache, so a blob already pulled, built
 * or saved before is never downloaded again, and concurrent copies needing the same blob share one
 * download. Sinks then link the cached file instead of copying it.
 */
public final class BlobCache {
  private final ImageStore store;
  private final Map<Digest, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();

  public BlobCache(ImageStore store) {
    this.store = store;
  }

  /** The cached file of the blob, fetching it from {@code source} first if needed. */
  public Path get(Descriptor blob, CopySource source) throws IOException {
    if (store.hasBlob(blob.digest())) {
      return store.blobPath(blob.digest());
    }
    CompletableFuture<Path> mine = new CompletableFuture<>();
    CompletableFuture<Path> running = inFlight.putIfAbsent(blob.digest(), mine);
    if (running != null) {
      return await(running);
    }
    try {
      Path temp = store.newTempPath("fetch");
      source.fetchBlob(blob, temp);
      store.importBlob(temp, blob.digest());
      java.nio.file.Files.deleteIfExists(temp);
      Path path = store.blobPath(blob.digest());
      mine.complete(path);
      return path;
    } catch (IOException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(blob.digest(), mine);
    }
  }

  private static Path await(CompletableFuture<Path> running) throws IOException {
    return Futures.await(running, "a shared download");
  }
}
