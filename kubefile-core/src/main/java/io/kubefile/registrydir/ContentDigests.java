package io.kubefile.registrydir;

import io.kubefile.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashing of blob content with the algorithm a digest names (those go-digest registers). */
final class ContentDigests {
  private static final int BUFFER_SIZE = 256 * 1024;

  private ContentDigests() {}

  static MessageDigest newDigester(Digest expected) {
    String jcaName =
        switch (expected.algorithm()) {
          case "sha256" -> "SHA-256";
          case "sha384" -> "SHA-384";
          case "sha512" -> "SHA-512";
          default -> throw new IllegalArgumentException(
              "unsupported digest algorithm \"" + expected.algorithm() + "\" in " + expected);
        };
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks " + jcaName, e);
    }
  }

  static Digest finish(Digest expected, MessageDigest digester) {
    return Digest.parse(expected.algorithm() + ":" + HexFormat.of().formatHex(digester.digest()));
  }

  /**
   * Copies {@code in} to {@code out} while hashing and counting, and fails as soon as more than {@code
   * expectedSize} bytes arrive (when the size is known), so a wrong source never fills the disk.
   */
  static void copyVerifying(InputStream in, OutputStream out, Digest expected, long expectedSize)
      throws IOException {
    MessageDigest digester = newDigester(expected);
    byte[] buffer = new byte[BUFFER_SIZE];
    long count = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      count += n;
      if (expectedSize >= 0 && count > expectedSize) {
        throw BlobVerificationException.sizeMismatch(expected, expectedSize, count, true);
      }
      digester.update(buffer, 0, n);
      out.write(buffer, 0, n);
    }
    check(expected, expectedSize, finish(expected, digester), count);
  }

  /** Hashes a file and checks it against the expected digest and size (size -1 means unknown). */
  static void verifyFile(Path file, Digest expected, long expectedSize) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      copyVerifying(in, OutputStream.nullOutputStream(), expected, expectedSize);
    }
  }

  static boolean matches(Path file, Digest expected, long expectedSize) throws IOException {
    try {
      verifyFile(file, expected, expectedSize);
      return true;
    } catch (BlobVerificationException e) {
      return false;
    }
  }

  private static void check(Digest expected, long expectedSize, Digest actual, long actualSize)
      throws BlobVerificationException {
    if (expectedSize >= 0 && actualSize != expectedSize) {
      throw BlobVerificationException.sizeMismatch(expected, expectedSize, actualSize, false);
    }
    if (!actual.equals(expected)) {
      throw BlobVerificationException.digestMismatch(expected, actual);
    }
  }
}
