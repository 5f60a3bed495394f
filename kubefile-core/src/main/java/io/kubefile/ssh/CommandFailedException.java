package io.kubefile.ssh;

/** A command ran on a host and exited with a non-zero status. */
public final class CommandFailedException extends HostException {
  private final int exitStatus;

  public CommandFailedException(HostAddress host, String what, int exitStatus) {
    super(what + " failed on " + host + " with exit status " + exitStatus);
    this.exitStatus = exitStatus;
  }

  public int exitStatus() {
    return exitStatus;
  }
}
