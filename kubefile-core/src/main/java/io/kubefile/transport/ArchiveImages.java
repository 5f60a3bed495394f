package io.kubefile.transport;

import io.kubefile.KubefileException;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.store.ImageNotKnownException;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The images a save names, resolved in the store, with the names each one goes out under. */
final class ArchiveImages {
  private ArchiveImages() {}

  /**
   * Resolves full names or IDs. A name goes out under itself; an ID under no name. Images named
   * twice are written once, with both names.
   */
  static Map<StoredImage, List<String>> resolve(ImageStore store, List<String> namesOrIds)
      throws IOException {
    if (namesOrIds.isEmpty()) {
      throw new IllegalArgumentException("no image to save");
    }
    Map<String, StoredImage> byEntry = new LinkedHashMap<>();
    Map<StoredImage, List<String>> result = new LinkedHashMap<>();
    for (String nameOrId : namesOrIds) {
      StoredImage image = store.resolve(nameOrId).orElseThrow(() -> new ImageNotKnownException(nameOrId));
      String key = image.entry().digest().toString();
      StoredImage first = byEntry.putIfAbsent(key, image);
      List<String> names = result.computeIfAbsent(first == null ? image : first, k -> new ArrayList<>());
      boolean byName = store.findByName(nameOrId).isPresent();
      if (byName && !names.contains(nameOrId)) {
        names.add(nameOrId);
      }
    }
    return result;
  }

  /**
   * As {@link #resolve(ImageStore, List)}, for an archive that holds single-platform images only:
   * a multi-platform image becomes its {@code platform} image, and without a platform it is an
   * error naming the platforms to choose from.
   */
  static Map<StoredImage, List<String>> resolve(ImageStore store, List<String> namesOrIds,
      Platform platform) throws IOException {
    Map<StoredImage, List<String>> chosen = new LinkedHashMap<>();
    for (Map.Entry<StoredImage, List<String>> e : resolve(store, namesOrIds).entrySet()) {
      StoredImage image = e.getKey();
      if (platform != null) {
        image = store.imageOf(image.entry(), platform);
      } else if (MediaTypes.isIndex(image.entry().mediaType())) {
        List<String> stored = storedPlatforms(store, image);
        if (stored.size() > 1) {
          String name = image.name() != null ? image.name() : image.entry().digest().toString();
          throw new KubefileException(name + " is a multi-platform image (" + String.join(", ", stored)
              + ") and a docker-archive holds one platform: choose it with --platform");
        }
      }
      chosen.put(image, e.getValue());
    }
    return chosen;
  }

  /** The platforms of an index whose images the store holds (a pull may have stored only one). */
  private static List<String> storedPlatforms(ImageStore store, StoredImage image) throws IOException {
    ImageIndex index = Json.read(store.readBlob(image.entry().digest()), ImageIndex.class, "image index");
    return index.manifests().stream()
        .filter(d -> d.platform() != null && store.hasBlob(d.digest()))
        .map(d -> d.platform().toString())
        .toList();
  }
}
