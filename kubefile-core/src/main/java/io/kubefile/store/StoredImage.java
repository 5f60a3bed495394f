package io.kubefile.store;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageManifest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One index.json entry of the store, resolved to a single-platform image.
 *
 * @param name the full normalized name, or null for an unnamed entry
 * @param entry the index.json descriptor (a manifest, or an image index for multi-arch images)
 * @param manifestDescriptor the manifest chosen for the host platform (equals entry for
 *     single-platform images)
 */
public record StoredImage(
    String name,
    Descriptor entry,
    Descriptor manifestDescriptor,
    ImageManifest manifest,
    ImageConfig config) {

  /** The image ID: the config digest, as docker, podman and buildah define it. */
  public Digest id() {
    return manifest.config().digest();
  }

  public boolean isNamed() {
    return name != null;
  }

  /** Config plus layer sizes as stored (compressed), which is what {@code images} reports. */
  public long size() {
    long size = manifest.config().size();
    for (Descriptor layer : manifest.layers()) {
      size += layer.size();
    }
    return size;
  }

  public Optional<Instant> created() {
    if (config.created() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(config.created()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
