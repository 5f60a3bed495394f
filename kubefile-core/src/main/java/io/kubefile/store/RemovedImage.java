package io.kubefile.store;

import io.kubefile.image.Digest;
import java.util.List;

/**
 * The result of {@link ImageStore#remove}: the names taken off the image and whether the image
 * itself is gone from the index (its blobs then await {@link ImageStore#prune()}).
 */
public record RemovedImage(Digest id, List<String> untaggedNames, boolean deleted) {
  public RemovedImage {
    untaggedNames = List.copyOf(untaggedNames);
  }
}
