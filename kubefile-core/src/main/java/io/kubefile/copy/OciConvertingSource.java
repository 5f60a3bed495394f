package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.OciConversion;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source whose Docker schema 2 manifests and manifest lists are served as OCI ones ({@link
 * OciConversion}); blobs are unchanged. The copier reads through it for sinks that are OCI layouts,
 * so the store, {@code oci:} and everything saved from them hold OCI media types only.
 */
final class OciConvertingSource implements CopySource {
  private final CopySource delegate;
  /** Converted manifests by their new digest, for {@link #manifest} after an index was converted. */
  private final Map<Digest, RawManifest> converted = new ConcurrentHashMap<>();

  OciConvertingSource(CopySource delegate) {
    this.delegate = delegate;
  }

  @Override
  public RawManifest root() throws IOException {
    RawManifest root = delegate.root();
    if (!root.isIndex()) {
      return remember(OciConversion.manifest(root));
    }
    Map<Digest, RawManifest> children = new LinkedHashMap<>();
    for (Descriptor child : root.asIndex().manifests()) {
      if (MediaTypes.DOCKER_MANIFEST.equals(child.mediaType())) {
        children.put(child.digest(), remember(OciConversion.manifest(delegate.manifest(child))));
      }
    }
    return OciConversion.index(root, children);
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    RawManifest known = converted.get(descriptor.digest());
    if (known != null) {
      return known;
    }
    RawManifest manifest = delegate.manifest(descriptor);
    return manifest.isIndex() ? manifest : remember(OciConversion.manifest(manifest));
  }

  private RawManifest remember(RawManifest manifest) {
    converted.put(manifest.digest(), manifest);
    return manifest;
  }

  @Override
  public Optional<Path> localBlob(Digest digest) {
    return delegate.localBlob(digest);
  }

  @Override
  public void fetchBlob(Descriptor blob, Path target) throws IOException {
    delegate.fetchBlob(blob, target);
  }

  @Override
  public String describe() {
    return delegate.describe();
  }
}
