package io.kubefile.transport;

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
}
