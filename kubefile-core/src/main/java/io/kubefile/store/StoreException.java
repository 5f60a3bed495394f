package io.kubefile.store;

import io.kubefile.KubefileException;

/** A store operation the user asked for cannot be done; the message says why, for the user. */
public class StoreException extends KubefileException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
