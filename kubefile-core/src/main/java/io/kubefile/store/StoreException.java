package io.kubefile.store;

/** A store operation the user asked for cannot be done; the message says why, for the user. */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
