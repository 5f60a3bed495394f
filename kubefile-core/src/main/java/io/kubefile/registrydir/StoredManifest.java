package io.kubefile.registrydir;

import io.kubefile.image.Digest;

/**
 * A manifest as the registry serves it: the exact stored bytes, their digest ({@code Docker-Content-Digest})
 * and the media type derived from the content ({@code Content-Type}).
 */
public record StoredManifest(Digest digest, String mediaType, byte[] bytes) {

  public StoredManifest {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
