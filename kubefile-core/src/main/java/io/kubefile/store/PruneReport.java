package io.kubefile.store;

import io.kubefile.image.Digest;
import java.util.List;

/**
 * What {@link ImageStore#prune()} deleted. {@code removedContextCopies} counts kept per-platform
 * working copies of build contexts; their bytes are not in {@code bytesFreed}, since most of a copy
 * is hard links to the user's files, which stay. {@code removedImageFileTrees} counts the extracted
 * files of images no longer stored, kept for {@code run} (not in {@code bytesFreed} either).
 */
public record PruneReport(
    List<Digest> removedBlobs, int removedTempFiles, int removedContextCopies, int removedImageFileTrees,
    long bytesFreed) {
  public PruneReport {
    removedBlobs = List.copyOf(removedBlobs);
  }
}
