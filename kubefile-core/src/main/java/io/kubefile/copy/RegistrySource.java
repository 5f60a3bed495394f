package io.kubefile.copy;

import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.Repository;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageReference;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySource;
import java.io.IOException;
import java.nio.file.Path;

/** An image in a registry, read through the distribution client. */
public final class RegistrySource implements CopySource {
  private final RegistryClient client;
  private final ImageReference reference;
  private final Repository repository;
  private RawManifest root;

  public RegistrySource(RegistryClient client, ImageReference reference) {
    this.client = client;
    this.reference = reference;
    this.repository = Repository.of(reference);
  }

  @Override
  public synchronized RawManifest root() throws IOException {
    if (root == null) {
      root = client.getManifest(reference);
    }
    return root;
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    return client.getManifest(reference.withDigestOnly(descriptor.digest()));
  }

  @Override
  public void fetchBlob(Descriptor blob, Path target) throws IOException {
    client.fetchBlob(repository, blob, target);
  }

  @Override
  public String describe() {
    return reference.toString();
  }
}
