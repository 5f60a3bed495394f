package io.kubefile.ssh;

/**
 * The host presented a key different from the one {@code known_hosts} holds for it: possibly a
 * reinstalled machine, possibly someone in the middle. Refused until the user removes the old line.
 */
public final class HostKeyChangedException extends HostException {

  public HostKeyChangedException(String message) {
    super(message);
  }
}
