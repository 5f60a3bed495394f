package io.kubefile.distribution;

import io.kubefile.image.Descriptor;

/**
 * Hears about blob transfers and retries. Called from the transferring thread, possibly from several threads
 * at once; implementations must be thread-safe and quick.
 */
public interface ProgressListener {

  ProgressListener NONE = new ProgressListener() {};

  /** A download or upload of {@code blob} began (or restarted from byte 0 after a failure). */
  default void started(Descriptor blob) {}

  /** {@code bytesDone} of {@code blob.size()} bytes have been transferred. */
  default void progressed(Descriptor blob, long bytesDone) {}

  /** The blob is complete: downloaded and verified, uploaded, mounted, or already there. */
  default void finished(Descriptor blob, BlobOutcome outcome) {}

  /**
   * A request failed in a way that retrying may fix and is tried again after a delay; {@code message}
   * names the registry and request, the failure and the attempt ({@code 127.0.0.1:5000: GET /v2/ failed
   * (HTTP 503); retrying in 1 s (attempt 2 of 5)}).
   */
  default void retrying(String message) {}

  /** What happened to a blob. */
  enum BlobOutcome {
    DOWNLOADED,
    ALREADY_PRESENT,
    UPLOADED,
    MOUNTED,
    ALREADY_IN_REGISTRY
  }
}
