package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySink;
import io.kubefile.registrydir.RegistryDirectory;
import io.kubefile.registrydir.StorageTarget;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@code registry/} directory as a copy target: blobs hard-linked from the cache when they are
 * on the same file system, manifests as revisions, the tag written last so the registry never
 * serves a half-saved image.
 */
public final class RegistryDirectorySink implements CopySink {
  private final RegistryDirectory directory;
  private final StorageTarget target;

  public RegistryDirectorySink(RegistryDirectory directory, StorageTarget target) {
    this.directory = directory;
    this.target = target;
  }

  @Override
  public boolean hasBlob(Descriptor blob) throws IOException {
    return directory.hasBlob(blob.digest(), blob.size());
  }

  @Override
  public void putBlob(Descriptor blob, Path file, boolean owned) throws IOException {
    if (owned) {
      directory.moveBlob(blob.digest(), file);
    } else {
      directory.putVerifiedBlob(blob.digest(), file);
    }
  }

  @Override
  public void putManifest(RawManifest manifest) throws IOException {
    directory.putManifest(target.repository(), manifest.bytes(), manifest.mediaType());
  }

  @Override
  public void commit(RawManifest root) throws IOException {
    if (target.tag().isPresent()) {
      directory.tag(target.repository(), target.tag().get(), root.digest());
    }
  }

  @Override
  public String describe() {
    return "registry directory " + target;
  }
}
