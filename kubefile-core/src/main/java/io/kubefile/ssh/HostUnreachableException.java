package io.kubefile.ssh;

/** Connecting or logging into a host failed; nothing was done on it. */
public final class HostUnreachableException extends HostException {

  public HostUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
