package io.kubefile.registrydir;

import io.kubefile.KubefileException;
import io.kubefile.image.Digest;
import java.util.List;

/**
 * A manifest refers to blobs or child manifests that are not stored yet, or a tag names a manifest the
 * repository does not have. Nothing was linked: the registry would otherwise answer 404 for them.
 */
public final class MissingContentException extends KubefileException {
  private final List<Digest> missing;

  MissingContentException(String message, List<Digest> missing) {
    super(message + ": " + missing.stream().map(Digest::toString).toList());
    this.missing = List.copyOf(missing);
  }

  /** What has to be stored first. */
  public List<Digest> missing() {
    return missing;
  }
}
