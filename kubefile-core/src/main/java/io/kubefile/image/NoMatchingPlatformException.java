package io.kubefile.image;

import io.kubefile.KubefileException;

/**
 * An image exists but not for the platform asked for: an index without a matching entry, or a
 * single-platform image built for another one. The message names both platforms, so that a user
 * never gets an image labelled with one platform over another platform's layers.
 */
public class NoMatchingPlatformException extends KubefileException {
  public NoMatchingPlatformException(String message) {
    super(message);
  }
}
