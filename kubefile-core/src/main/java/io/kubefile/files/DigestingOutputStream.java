package io.kubefile.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Hashes and counts what passes through on its way to the underlying stream. */
public final class DigestingOutputStream extends FilterOutputStream {
  private final MessageDigest digest;
  private long count;

  /** Writes to {@code out}, updating {@code digest} with every byte written. */
  public DigestingOutputStream(OutputStream out, MessageDigest digest) {
    super(out);
    this.digest = digest;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    digest.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    digest.update(b, off, len);
    count += len;
  }

  /** Bytes written so far. */
  public long count() {
    return count;
  }
}
