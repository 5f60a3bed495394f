package io.kubefile.distribution;

import io.kubefile.image.ImageReference;
import java.util.Objects;

/**
 * A repository on a registry, {@code registry/path}, without tag or digest: the unit that
 * registries authorize and store blobs in.
 *
 * @param registry the registry as {@link ImageReference#registry()} spells it ({@code docker.io},
 *     {@code 127.0.0.1:5000})
 * @param path the repository path ({@code library/nginx})
 */
public record Repository(String registry, String path) {

  public Repository {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(path, "path");
    if (registry.isEmpty() || path.isEmpty()) {
      throw new IllegalArgumentException("invalid repository \"" + registry + "/" + path + "\"");
    }
  }

  /** The repository an image reference names. */
  public static Repository of(ImageReference reference) {
    return new Repository(reference.registry(), reference.repository());
  }

  /** Parses {@code nginx}, {@code quay.io/a/b} etc. with Docker's normalization; tag/digest are dropped. */
  public static Repository parse(String name) {
    return of(ImageReference.parse(name));
  }

  /** {@code registry/path}, the name used in messages. */
  @Override
  public String toString() {
    return registry + "/" + path;
  }
}
