package io.kubefile.discovery;

import io.kubefile.KubefileException;

/** Image discovery cannot complete: an invalid list entry, an unrenderable chart, an unreadable file. */
public class DiscoveryException extends KubefileException {
  public DiscoveryException(String message) {
    super(message);
  }

  public DiscoveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
