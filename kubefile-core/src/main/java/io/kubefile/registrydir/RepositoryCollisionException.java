package io.kubefile.registrydir;

import io.kubefile.KubefileException;
import io.kubefile.image.ImageReference;

/**
 * Two different source images would be stored under one {@code repository:tag} of {@code registry/}. Upstream
 * Sealos lets the last copy win silently (SEALOS_COMPAT §3.2, §9.2), so a cluster would run an image other
 * than the one its manifests name; we refuse and name both.
 */
public final class RepositoryCollisionException extends KubefileException {
  private final String taggedName;
  private final ImageReference first;
  private final ImageReference second;

  RepositoryCollisionException(String taggedName, ImageReference first, ImageReference second, String why) {
    super(
        "\"" + first + "\" and \"" + second + "\" would both be stored as " + taggedName
            + " in registry/ (the registry host is dropped from repository names) but " + why
            + "; keep only one of them, or retag one");
    this.taggedName = taggedName;
    this.first = first;
    this.second = second;
  }

  /** The contested {@code repository:tag}. */
  public String taggedName() {
    return taggedName;
  }

  public ImageReference first() {
    return first;
  }

  public ImageReference second() {
    return second;
  }
}
