package io.kubefile.registrydir;

import io.kubefile.KubefileException;
import io.kubefile.image.Digest;

/** Content offered for a blob is not what its digest (or declared size) says; nothing was stored. */
public final class BlobVerificationException extends KubefileException {
  private final Digest expected;

  private BlobVerificationException(Digest expected, String message) {
    super(message);
    this.expected = expected;
  }

  static BlobVerificationException sizeMismatch(Digest expected, long expectedSize, long actualSize, boolean atLeast) {
    return new BlobVerificationException(
        expected,
        "blob " + expected + ": expected " + expectedSize + " bytes, got " + (atLeast ? "more than " + expectedSize : actualSize));
  }

  static BlobVerificationException digestMismatch(Digest expected, Digest actual) {
    return new BlobVerificationException(expected, "blob " + expected + ": content has digest " + actual);
  }

  /** The digest the content was supposed to have. */
  public Digest expected() {
    return expected;
  }
}
