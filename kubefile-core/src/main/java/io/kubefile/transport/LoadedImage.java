package io.kubefile.transport;

import io.kubefile.image.Digest;
import java.util.List;

/** An image {@link ArchiveLoader} put into the store, with the names it restored (maybe none). */
public record LoadedImage(Digest id, List<String> names) {
  public LoadedImage {
    names = List.copyOf(names);
  }
}
