package io.kubefile.image;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;

/**
 * A manifest exactly as the registry sent it: the bytes are what the digest covers, so they are
 * kept rather than re-serialized.
 */
public record RawManifest(byte[] bytes, String mediaType, Digest digest) {

  /** True for an OCI index or Docker manifest list. */
  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  public ImageIndex asIndex() {
    return Json.read(bytes, ImageIndex.class, "image index " + digest);
  }

  public ImageManifest asManifest() {
    return Json.read(bytes, ImageManifest.class, "image manifest " + digest);
  }

  /** A descriptor of this manifest, as an index would list it. */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest, bytes.length);
  }

  @Override
  public String toString() {
    return "RawManifest[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
  }
}
