package io.kubefile.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.PlatformSelector;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * A source whose uncompressed layers ({@code …layer.v1.tar}, {@code …rootfs.diff.tar}) are served
 * gzipped, as podman and buildah push them: each manifest is rewritten with the compressed layer
 * descriptors (the config, whose diff_ids are the uncompressed digests, is unchanged), and an index
 * with the rewritten manifests' digests. Manifests without an uncompressed layer, and indexes
 * without such a manifest, keep their exact bytes; compressed and foreign layers pass as they are.
 *
 * <p>The copy learns the compressed digests from the rewritten manifest, so the sink's HEAD check
 * skips blobs the registry already has; layers compressed by an earlier push come from the {@link
 * LayerCompression} cache.
 */
public final class CompressingSource implements CopySource {
  private final CopySource delegate;
  private final LayerCompression compression;
  private final CopyOptions options;
  private final ExecutorService workers;
  /** Rewritten manifests by their new digest, for {@link #manifest} after an index was rewritten. */
  private final Map<Digest, RawManifest> rewritten = new ConcurrentHashMap<>();
  /** Compressed blobs this source serves from the store. */
  private final Map<Digest, Descriptor> compressedBlobs = new ConcurrentHashMap<>();

  /**
   * @param options the copy's options: without {@code allPlatforms}, a root index is resolved here to
   *     the selected platform's manifest, so that only that image's layers are compressed
   * @param workers runs the compressions of one manifest's layers in parallel
   */
  public CompressingSource(CopySource delegate, LayerCompression compression, CopyOptions options,
      ExecutorService workers) {
    this.delegate = delegate;
    this.compression = compression;
    this.options = options;
    this.workers = workers;
  }

  @Override
  public RawManifest root() throws IOException {
    RawManifest root = delegate.root();
    if (!root.isIndex()) {
      return rewriteManifest(root);
    }
    if (!options.allPlatforms()) {
      Descriptor selected = PlatformSelector.select(root.asIndex(), options.platform());
      return rewriteManifest(delegate.manifest(selected));
    }
    return rewriteIndex(root);
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    RawManifest known = rewritten.get(descriptor.digest());
    if (known != null) {
      return known;
    }
    RawManifest manifest = delegate.manifest(descriptor);
    return manifest.isIndex() ? manifest : rewriteManifest(manifest);
  }

  @Override
  public Optional<Path> localBlob(Digest digest) {
    if (compressedBlobs.containsKey(digest)) {
      return Optional.of(compression.blobPath(digest));
    }
    return delegate.localBlob(digest);
  }

  @Override
  public void fetchBlob(Descriptor blob, Path target) throws IOException {
    if (compressedBlobs.containsKey(blob.digest())) {
      Files.copy(compression.blobPath(blob.digest()), target, StandardCopyOption.REPLACE_EXISTING);
    } else {
      delegate.fetchBlob(blob, target);
    }
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  /** The index with each rewritten child's new digest and size; the same bytes when none changed. */
  private RawManifest rewriteIndex(RawManifest index) throws IOException {
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(index.bytes());
    JsonNode children = tree.path("manifests");
    boolean changed = false;
    List<Descriptor> descriptors = index.asIndex().manifests();
    for (int i = 0; i < descriptors.size(); i++) {
      Descriptor child = descriptors.get(i);
      if (!MediaTypes.isManifest(child.mediaType())) {
        continue; // nested indexes and artifacts are copied as they are
      }
      RawManifest original = delegate.manifest(child);
      RawManifest compressed = rewriteManifest(original);
      if (!compressed.digest().equals(original.digest())) {
        ObjectNode node = (ObjectNode) children.get(i);
        node.put("digest", compressed.digest().toString());
        node.put("size", compressed.bytes().length);
        changed = true;
      }
    }
    if (!changed) {
      return index;
    }
    byte[] bytes = Json.mapper().writeValueAsBytes(tree);
    return new RawManifest(bytes, index.mediaType(), Digest.sha256(bytes));
  }

  /**
   * The manifest with its uncompressed layers replaced by gzipped ones (compressed in parallel),
   * every other field kept; the same bytes when it has no uncompressed layer.
   */
  private RawManifest rewriteManifest(RawManifest raw) throws IOException {
    if (!MediaTypes.isManifest(raw.mediaType())) {
      return raw;
    }
    ImageManifest manifest = raw.asManifest();
    List<Descriptor> layers = manifest.layers();
    List<CompletableFuture<Descriptor>> jobs = new ArrayList<>();
    boolean any = false;
    for (Descriptor layer : layers) {
      if (LayerCompression.isUncompressedLayer(layer.mediaType())) {
        any = true;
        jobs.add(CompletableFuture.supplyAsync(() -> {
          try {
            return compression.compress(layer);
          } catch (IOException e) {
            throw new CompletionException(e);
          }
        }, workers));
      } else {
        jobs.add(CompletableFuture.completedFuture(null));
      }
    }
    if (!any) {
      return raw;
    }
    List<Descriptor> compressed = joinAll(jobs);
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(raw.bytes());
    JsonNode layerNodes = tree.path("layers");
    for (int i = 0; i < compressed.size(); i++) {
      Descriptor gz = compressed.get(i);
      if (gz == null) {
        continue;
      }
      ObjectNode node = (ObjectNode) layerNodes.get(i);
      node.put("mediaType", gz.mediaType());
      node.put("digest", gz.digest().toString());
      node.put("size", gz.size());
      compressedBlobs.put(gz.digest(), gz);
    }
    byte[] bytes = Json.mapper().writeValueAsBytes(tree);
    RawManifest result = new RawManifest(bytes, raw.mediaType(), Digest.sha256(bytes));
    rewritten.put(result.digest(), result);
    return result;
  }

  private static List<Descriptor> joinAll(List<CompletableFuture<Descriptor>> jobs) throws IOException {
    Futures.joinAll(jobs);
    List<Descriptor> results = new ArrayList<>();
    for (CompletableFuture<Descriptor> job : jobs) {
      results.add(job.join());
    }
    return results;
  }
}
