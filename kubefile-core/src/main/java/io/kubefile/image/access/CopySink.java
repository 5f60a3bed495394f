package io.kubefile.image.access;

import io.kubefile.image.Descriptor;
import io.kubefile.image.RawManifest;
import java.io.IOException;
import java.nio.file.Path;

/** Where an image is copied to: the local store, a registry, a registry/ directory. */
public interface CopySink {
  /** Whether the sink already holds the blob (then it is neither fetched nor written). */
  boolean hasBlob(Descriptor blob) throws IOException;

  /**
   * Takes a blob whose file already holds content verified against the descriptor's digest (the
   * copier only passes cache files and verified source files), so sinks need not hash it again.
   * When {@code owned} the sink may move the file; otherwise it must link or copy it, because the
   * file belongs to a cache or a source.
   */
  void putBlob(Descriptor blob, Path file, boolean owned) throws IOException;

  /** Stores a manifest or index whose blobs (or child manifests) are already in the sink. */
  void putManifest(RawManifest manifest) throws IOException;

  /** Names the copied root manifest, once everything it needs is in place. */
  void commit(RawManifest root) throws IOException;

  /**
   * Whether the sink is an OCI layout (the store, {@code oci:}), which must hold OCI media types
   * only: the copier then converts Docker-format manifests on the way.
   */
  default boolean requiresOciMediaTypes() {
    return false;
  }

  /**
   * Whether the sink can hold an image index (a docker-archive cannot: it holds one image per
   * entry), so that the copier refuses to copy every platform into it rather than write half an
   * image.
   */
  default boolean holdsIndexes() {
    return true;
  }

  String describe();
}
