package io.kubefile.cli;

import io.kubefile.store.ImageNotKnownException;
import io.kubefile.store.ImageStore;
import io.kubefile.store.NameLookup;
import io.kubefile.store.StoredImage;
import java.io.IOException;

/** Turns what the user typed into the store's exact name or full ID. */
final class ImageRefs {
  private ImageRefs() {}

  /** The stored full name when {@code typed} names an image, else the full ID it abbreviates. */
  static String exactNameOrId(ImageStore store, String typed) throws IOException {
    var name = NameLookup.findName(store, typed);
    if (name.isPresent()) {
      return name.get();
    }
    return store.findById(typed).map(image -> image.id().hex())
        .orElseThrow(() -> new ImageNotKnownException(typed));
  }

  static StoredImage find(ImageStore store, String typed) throws IOException {
    return NameLookup.find(store, typed).orElseThrow(() -> new ImageNotKnownException(typed));
  }
}
