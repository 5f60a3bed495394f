package io.kubefile.ssh;

import io.kubefile.KubefileException;

/** A host could not be reached, logged into, or did not do what it was asked; the message names it. */
public class HostException extends KubefileException {

  public HostException(String message) {
    super(message);
  }

  public HostException(String message, Throwable cause) {
    super(message, cause);
  }
}
