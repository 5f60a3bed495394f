package io.kubefile.layer;

import io.kubefile.files.DigestingOutputStream;
import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

/**
 * Turns entries into a layer blob in one streaming pass: tar → SHA-256 → file. Layers are stored
 * uncompressed (as buildah does with sealos's default {@code --disable-compression}): the tar digest
 * is then also the blob digest, the bytes are the same on every machine whatever zlib it has, and the
 * data, mostly already-compressed image blobs in {@code registry/}, is hashed only once. Transports
 * compress when they push.
 */
public final class LayerBuilder {
  private final ReproducibleTarWriter tarWriter;
  private final Instant modificationTime;

  public LayerBuilder(Instant modificationTime) {
    this.tarWriter = new ReproducibleTarWriter(modificationTime);
    this.modificationTime = modificationTime;
  }

  /** The time every entry of the layers gets. */
  public Instant modificationTime() {
    return modificationTime;
  }

  /** Writes the layer into {@code target}, which the caller later moves into a store. */
  public LayerBlob build(List<LayerEntry> entries, Path target) throws IOException {
    MessageDigest sha256 = Digest.newSha256();
    long size;
    try (OutputStream file = Files.newOutputStream(target);
        DigestingOutputStream out = new DigestingOutputStream(new BufferedOutputStream(file, 256 * 1024), sha256)) {
      tarWriter.write(entries, out);
      out.flush();
      size = out.count();
    }
    Digest digest = Digest.ofSha256(sha256);
    return new LayerBlob(target, MediaTypes.OCI_LAYER, digest, size, digest);
  }

}
