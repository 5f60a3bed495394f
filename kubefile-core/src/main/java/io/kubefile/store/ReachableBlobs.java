package io.kubefile.store;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Walks manifests and image indexes from some roots and collects every blob they reference
 * (manifests, indexes, configs, layers), each with its descriptor. Used by prune (what to keep) and
 * by archive writers (what to copy).
 */
public final class ReachableBlobs {
  private ReachableBlobs() {}

  /**
   * @param requireAll when true a missing config or layer is an error; index children that are
   *     absent are always skipped (a store may hold only some platforms of a multi-arch image)
   */
  public static Map<Digest, Descriptor> from(
      ImageStore store, Iterable<Descriptor> roots, boolean requireAll) throws IOException {
    Map<Digest, Descriptor> seen = new LinkedHashMap<>();
    Deque<Descriptor> pending = new ArrayDeque<>();
    roots.forEach(pending::add);
    while (!pending.isEmpty()) {
      Descriptor d = pending.pop();
      if (seen.containsKey(d.digest()) || !store.hasBlob(d.digest())) {
        continue;
      }
      seen.put(d.digest(), d);
      byte[] json = store.readBlob(d.digest());
      if (MediaTypes.isIndex(MediaTypes.detect(d.mediaType(), json))) {
        pending.addAll(Json.read(json, ImageIndex.class, "image index " + d.digest()).manifests());
      } else if (MediaTypes.isManifest(d.mediaType()) || d.mediaType() == null) {
        ImageManifest manifest = Json.read(json, ImageManifest.class, "manifest " + d.digest());
        if (manifest.config() != null) {
          addLeaf(store, seen, manifest.config(), requireAll);
        }
        for (Descriptor layer : manifest.layers()) {
          addLeaf(store, seen, layer, requireAll);
        }
      }
    }
    return seen;
  }

  private static void addLeaf(
      ImageStore store, Map<Digest, Descriptor> seen, Descriptor leaf, boolean requireAll) {
    if (store.hasBlob(leaf.digest())) {
      seen.putIfAbsent(leaf.digest(), leaf);
    } else if (requireAll) {
      throw new StoreException("blob " + leaf.digest() + " is missing from the store");
    }
  }
}
