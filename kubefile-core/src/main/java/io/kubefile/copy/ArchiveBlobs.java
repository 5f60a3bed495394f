package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.store.StoreException;
import io.kubefile.transport.TarArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/** Blobs streamed out of an archive entry into a file, verified on the way; shared by both archive sources. */
final class ArchiveBlobs {
  private ArchiveBlobs() {}

  /** Writes entry {@code path} to {@code target}; its content must have the descriptor's digest and size. */
  static void copyVerified(TarArchive archive, String path, Descriptor expected, Path target) throws IOException {
    requirePresent(archive, path, expected.digest());
    MessageDigest sha256 = Digest.newSha256();
    long size;
    try (InputStream in = archive.open(path);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha256)) {
      size = in.transferTo(out);
    }
    Digest actual = Digest.ofSha256(sha256);
    if (!actual.equals(expected.digest()) || (expected.size() >= 0 && size != expected.size())) {
      Files.deleteIfExists(target);
      throw new StoreException("archive " + archive.archive() + ": entry " + path + " should be "
          + expected.digest() + " (" + expected.size() + " bytes) but is " + actual + " (" + size + " bytes)");
    }
  }

  private static void requirePresent(TarArchive archive, String path, Digest digest) {
    if (!archive.contains(path)) {
      throw new StoreException("archive " + archive.archive() + " lacks blob " + digest + " (" + path + ")");
    }
  }

  /** A small entry (manifest, config) that must have {@code digest}. */
  static byte[] readVerified(TarArchive archive, String path, Digest digest) throws IOException {
    requirePresent(archive, path, digest);
    byte[] bytes = archive.read(path);
    Digest actual = Digest.sha256(bytes);
    if (!actual.equals(digest)) {
      throw new StoreException("archive " + archive.archive() + ": entry " + path + " should be " + digest
          + " but is " + actual);
    }
    return bytes;
  }
}
