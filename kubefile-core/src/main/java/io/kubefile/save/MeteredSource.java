package io.kubefile.save;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.ArchiveSource;
import io.kubefile.image.access.CopySource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source that counts the blobs actually fetched from it. The blob cache only fetches what neither
 * {@code registry/} nor the local store holds, so this is what a save really downloaded.
 */
final class MeteredSource implements CopySource, AutoCloseable {
  private final CopySource delegate;
  private final AtomicInteger blobs = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();

  MeteredSource(CopySource delegate) {
    this.delegate = delegate;
  }

  @Override
  public RawManifest root() throws IOException {
    return delegate.root();
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    return delegate.manifest(descriptor);
  }

  @Override
  public Optional<Path> localBlob(Digest digest) {
    return delegate.localBlob(digest);
  }

  @Override
  public void fetchBlob(Descriptor blob, Path target) throws IOException {
    delegate.fetchBlob(blob, target);
    blobs.incrementAndGet();
    bytes.addAndGet(blob.size());
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  /** For archives, the image name recorded inside them. */
  Optional<String> embeddedName() throws IOException {
    return delegate instanceof ArchiveSource archive ? archive.embeddedName() : Optional.empty();
  }

  int blobsFetched() {
    return blobs.get();
  }

  long bytesFetched() {
    return bytes.get();
  }

  /** Deletes what an archive source unpacked. */
  @Override
  public void close() throws IOException {
    if (delegate instanceof ArchiveSource archive) {
      archive.close();
    }
  }
}
