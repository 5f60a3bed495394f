package io.kubefile.store;

import io.kubefile.image.Digest;
import java.util.List;

/** What {@link ImageStore#prune()} deleted. */
public record PruneReport(List<Digest> removedBlobs, int removedTempFiles, long bytesFreed) {
  public PruneReport {
    removedBlobs = List.copyOf(removedBlobs);
  }
}
