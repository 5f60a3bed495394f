package io.kubefile.image.access;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.RawManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an image is copied from: a registry, the local store, an archive. Manifests come as the
 * exact bytes (their digests must survive the copy); blobs are fetched into files and verified.
 */
public interface CopySource {
  /** The manifest or index the source's reference names. */
  RawManifest root() throws IOException;

  /** A manifest the root index lists, by digest. */
  RawManifest manifest(Descriptor descriptor) throws IOException;

  /** A file already holding the verified blob, when the source is local: no copy is made. */
  default Optional<Path> localBlob(Digest digest) {
    return Optional.empty();
  }

  /** Writes the blob to {@code target}, verifying its size and digest. */
  void fetchBlob(Descriptor blob, Path target) throws IOException;

  /** What the source is, for messages. */
  String describe();
}
