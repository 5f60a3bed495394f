package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.NoMatchingPlatformException;
import io.kubefile.image.Platform;
import io.kubefile.image.PlatformSelector;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySink;
import io.kubefile.image.access.CopySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Copies one image from a source to a sink, as go-containerregistry's remote.Write or
 * containers/image's copy do: blobs first (in parallel, each fetched at most once through the
 * cache), then manifests, then the name. Manifests keep their exact bytes, so digests survive.
 */
public final class ImageCopier {
  private final BlobCache cache;
  private final ExecutorService blobWorkers;

  /** @param blobWorkers runs blob transfers; its size bounds the transfers in flight */
  public ImageCopier(BlobCache cache, ExecutorService blobWorkers) {
    this.cache = cache;
    this.blobWorkers = blobWorkers;
  }

  /** Copies and returns the root manifest that was stored and named in the sink. */
  public RawManifest copy(CopySource source, CopySink sink, CopyOptions options) throws IOException {
    if (sink.requiresOciMediaTypes()) {
      source = new OciConvertingSource(source);
    }
    RawManifest root = source.root();
    if (MediaTypes.isSchema1(root.mediaType())) {
      throw new IOException(source.describe() + ": Docker schema 1 manifests are not supported;"
          + " push the image again with a current client");
    }
    if (root.isIndex()) {
      if (options.allPlatforms() && !sink.holdsIndexes()) {
        throw new NoMatchingPlatformException(source.describe() + " is a multi-platform image ("
            + PlatformSelector.platformsOf(root.asIndex().manifests()) + ") and " + sink.describe()
            + " holds one platform: choose it with --platform");
      }
      if (options.allPlatforms()) {
        List<RawManifest> children = new ArrayList<>();
        for (Descriptor child : root.asIndex().manifests()) {
          children.add(source.manifest(child));
        }
        copyBlobs(source, sink, children);
        for (RawManifest child : children) {
          sink.putManifest(child);
        }
        sink.putManifest(root);
        sink.commit(root);
        return root;
      }
      Descriptor selected = PlatformSelector.select(root.asIndex(), options.platform());
      root = source.manifest(selected);
    } else if (options.requireMatch()) {
      requirePlatform(source, root, options.platform());
    }
    copyBlobs(source, sink, List.of(root));
    sink.putManifest(root);
    sink.commit(root);
    return root;
  }

  private void copyBlobs(CopySource source, CopySink sink, List<RawManifest> manifests) throws IOException {
    Map<String, Descriptor> blobs = new LinkedHashMap<>();
    for (RawManifest m : manifests) {
      if (!MediaTypes.isManifest(m.mediaType()) && !m.mediaType().isEmpty()) {
        throw new IOException(source.describe() + ": unsupported manifest type " + m.mediaType());
      }
      ImageManifest manifest = m.asManifest();
      blobs.putIfAbsent(manifest.config().digest().toString(), manifest.config());
      for (Descriptor layer : manifest.layers()) {
        if (layer.annotations().isEmpty() && !isForeign(layer)) {
          blobs.putIfAbsent(layer.digest().toString(), layer);
        } else if (!isForeign(layer)) {
          blobs.putIfAbsent(layer.digest().toString(), layer);
        }
      }
    }
    List<CompletableFuture<Void>> transfers = new ArrayList<>();
    for (Descriptor blob : blobs.values()) {
      transfers.add(CompletableFuture.runAsync(() -> {
        try {
          transfer(source, sink, blob);
        } catch (IOException e) {
          throw new CompletionException(e);
        }
      }, blobWorkers));
    }
    Futures.joinAll(transfers);
  }

  private void transfer(CopySource source, CopySink sink, Descriptor blob) throws IOException {
    if (sink.hasBlob(blob)) {
      return;
    }
    var local = source.localBlob(blob.digest());
    Path file = local.isPresent() ? local.get() : cache.get(blob, source);
    sink.putBlob(blob, file, false);
  }

  /**
   * Refuses a single-platform image of another platform before anything is written, so that a copy
   * asked for one platform never stores another under its name. The config is fetched through the
   * cache, where the copy would put it anyway.
   */
  private void requirePlatform(CopySource source, RawManifest manifest, Platform wanted) throws IOException {
    if (!MediaTypes.isManifest(manifest.mediaType())) {
      return;
    }
    Descriptor config = manifest.asManifest().config();
    var local = source.localBlob(config.digest());
    Path file = local.isPresent() ? local.get() : cache.get(config, source);
    Platform own = Json.read(Files.readAllBytes(file), ImageConfig.class, "config of " + source.describe()).platform();
    if (own.os() != null && own.architecture() != null && !wanted.matches(own)) {
      throw new NoMatchingPlatformException(source.describe() + " is an image for platform " + own
          + ", not the requested " + wanted);
    }
  }

  /** Foreign (non-distributable) layers are fetched by the runtime from their URLs, never copied. */
  static boolean isForeign(Descriptor layer) {
    return layer.mediaType() != null && layer.mediaType().contains("foreign");
  }
}
