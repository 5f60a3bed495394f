package io.kubefile.save;

import java.util.List;

/**
 * What a save did.
 *
 * @param saved the images stored, in the order they were given
 * @param failures the images that could not be stored, in the order they were given
 * @param leftoverFilesRemoved temporary files of interrupted earlier saves that were cleaned up
 */
public record SaveReport(List<SavedImage> saved, List<SaveFailure> failures, int leftoverFilesRemoved) {
  public SaveReport {
    saved = List.copyOf(saved);
    failures = List.copyOf(failures);
  }

  public static SaveReport empty() {
    return new SaveReport(List.of(), List.of(), 0);
  }

  public boolean isSuccessful() {
    return failures.isEmpty();
  }

  /** Blobs downloaded by the whole save; 0 when everything was already in registry/ or the local store. */
  public int blobsDownloaded() {
    return saved.stream().mapToInt(SavedImage::blobsDownloaded).sum();
  }

  public long bytesDownloaded() {
    return saved.stream().mapToLong(SavedImage::bytesDownloaded).sum();
  }
}
