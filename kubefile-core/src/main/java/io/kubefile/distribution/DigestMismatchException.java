package io.kubefile.distribution;

import io.kubefile.image.Digest;

/** Content did not have the size or digest its descriptor promised; nothing was kept. */
public final class DigestMismatchException extends RegistryException {
  private final Digest expected;

  public DigestMismatchException(Digest expected, String message) {
    super(Reason.DIGEST_MISMATCH, message);
    this.expected = expected;
  }

  public Digest expected() {
    return expected;
  }
}
