package io.kubefile.store;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;

/** A blob as the store knows it: its digest and byte size, without a media type. */
public record BlobInfo(Digest digest, long size) {
  public Descriptor descriptor(String mediaType) {
    return Descriptor.of(mediaType, digest, size);
  }
}
