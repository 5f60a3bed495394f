package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySource;
import io.kubefile.registrydir.RegistryDirectory;
import io.kubefile.registrydir.StorageTarget;
import io.kubefile.registrydir.StoredManifest;
import io.kubefile.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An image of a {@code registry/} directory (distribution's storage layout, what a sealos cluster
 * image carries) as a copy source, read in place as the registry serving it would: the tag's
 * current link, the manifest revision's exact bytes, blobs from {@code blobs/sha256/..}. So a
 * built image's {@code registry/} can be copied to the store, an archive or a registry without
 * running a registry.
 */
public final class RegistryDirectorySource implements CopySource {
  private final RegistryDirectory directory;
  private final StorageTarget target;

  public RegistryDirectorySource(RegistryDirectory directory, StorageTarget target) {
    this.directory = directory;
    this.target = target;
  }

  @Override
  public RawManifest root() throws IOException {
    Optional<Digest> digest = target.digest().isPresent()
        ? target.digest()
        : directory.resolveTag(target.repository(), target.tag().orElseThrow());
    if (digest.isEmpty()) {
      throw new StoreException(describe() + ": no such image (the repository "
          + (directory.repositories().contains(target.repository())
              ? "has tags " + String.join(", ", directory.tags(target.repository()))
              : "is not there; it has " + String.join(", ", directory.repositories())) + ")");
    }
    return read(digest.get());
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    return read(descriptor.digest());
  }

  private RawManifest read(Digest digest) throws IOException {
    StoredManifest manifest = directory.readManifest(target.repository(), digest)
        .orElseThrow(() -> new StoreException(describe() + " lacks manifest " + digest));
    return new RawManifest(manifest.bytes(), manifest.mediaType(), manifest.digest());
  }

  @Override
  public Optional<Path> localBlob(Digest digest) {
    return directory.blobFile(digest);
  }

  /** Only asked for blobs {@link #localBlob} does not have: the directory lacks them. */
  @Override
  public void fetchBlob(Descriptor blob, Path file) {
    throw new StoreException(describe() + " lacks blob " + blob.digest());
  }

  @Override
  public String describe() {
    return "registry-dir:" + directory.root() + ":" + target;
  }
}
