package io.kubefile.store;

import io.kubefile.files.DigestingOutputStream;
import io.kubefile.image.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Streams a blob into a temp file inside the store while hashing and counting it. {@link #commit()}
 * moves it to {@code blobs/sha256/<hex>} atomically; {@link #close()} without commit deletes it. A
 * process killed mid-write leaves only the temp file, which prune removes.
 */
public final class BlobWriter extends OutputStream {
  private final ImageStore store;
  private final Path tempFile;
  private final DigestingOutputStream out;
  private final MessageDigest sha256 = Digest.newSha256();
  private final StoreLease lease;
  private boolean finished;

  BlobWriter(ImageStore store, Path tempFile, StoreLease lease) throws IOException {
    this.store = store;
    this.tempFile = tempFile;
    this.lease = lease;
    this.out = new DigestingOutputStream(new BufferedOutputStream(Files.newOutputStream(tempFile), 1 << 16), sha256);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Bytes written so far. */
  public long size() {
    return out.count();
  }

  /** Stores the blob under the digest of what was written. */
  public BlobInfo commit() throws IOException {
    return commit(null);
  }

  /**
   * Stores the blob after checking its digest; on a mismatch nothing is stored and the error names
   * both digests.
   */
  public BlobInfo commit(Digest expected) throws IOException {
    if (finished) {
      throw new IllegalStateException("blob writer already committed or closed");
    }
    try {
      out.close();
      Digest actual = Digest.ofSha256(sha256);
      if (expected != null && !expected.equals(actual)) {
        throw new StoreException(
            "digest mismatch: expected " + expected + " but the content is " + actual);
      }
      store.moveIntoBlobs(tempFile, actual);
      return new BlobInfo(actual, out.count());
    } finally {
      finished = true;
      Files.deleteIfExists(tempFile);
      lease.close();
    }
  }

  /** Discards the blob unless it was committed. */
  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try {
      out.close();
      Files.deleteIfExists(tempFile);
    } finally {
      lease.close();
    }
  }
}
