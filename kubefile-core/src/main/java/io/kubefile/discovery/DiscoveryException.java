package io.kubefile.discovery;

/** Image discovery cannot complete: an invalid list entry, an unrenderable chart, an unreadable file. */
public class DiscoveryException extends RuntimeException {
  public DiscoveryException(String message) {
    super(message);
  }

  public DiscoveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
