package io.kubefile.store;

import io.kubefile.image.Digest;
import java.util.List;

/**
 * What {@link ImageStore#prune()} deleted. {@code removedContextCopies} counts kept per-platform
 * working copies of build contexts; their bytes are not in {@code bytesFreed}, since most of a copy
 * is hard links to the user's files, which stay.
 */
public record PruneReport(
    List<Digest> removedBlobs, int removedTempFiles, int removedContextCopies, long bytesFreed) {
  public PruneReport {
    removedBlobs = List.copyOf(removedBlobs);
  }
}
