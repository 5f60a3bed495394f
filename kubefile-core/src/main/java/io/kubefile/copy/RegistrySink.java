package io.kubefile.copy;

import io.kubefile.distribution.BlobSource;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.Repository;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageReference;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySink;
import java.io.IOException;
import java.nio.file.Path;

/** A registry repository as a copy target (push): blobs checked with HEAD first, tag last. */
public final class RegistrySink implements CopySink {
  private final RegistryClient client;
  private final ImageReference target;
  private final Repository repository;

  public RegistrySink(RegistryClient client, ImageReference target) {
    this.client = client;
    this.target = target;
    this.repository = Repository.of(target);
  }

  @Override
  public boolean hasBlob(Descriptor blob) throws IOException {
    return client.blobExistsForPush(repository, blob.digest());
  }

  @Override
  public void putBlob(Descriptor blob, Path file, boolean owned) throws IOException {
    client.pushBlob(repository, blob, BlobSource.of(file));
  }

  @Override
  public void putManifest(RawManifest manifest) throws IOException {
    client.putManifest(target.withDigestOnly(manifest.digest()), manifest.bytes(), manifest.mediaType());
  }

  @Override
  public void commit(RawManifest root) throws IOException {
    if (target.tag().isPresent() && target.digest().isEmpty()) {
      client.putManifest(target, root.bytes(), root.mediaType());
    }
  }

  @Override
  public String describe() {
    return target.toString();
  }
}
