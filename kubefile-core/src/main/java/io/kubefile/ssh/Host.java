package io.kubefile.ssh;

/**
 * One machine of a cluster, reached over one SSH connection (or in-process when local). Commands
 * run as root: a non-root login goes through sudo.
 */
public interface Host extends AutoCloseable {

  HostAddress address();

  /** Runs a shell command; every output line (stdout and stderr) goes to {@code output}. */
  int run(String command, LineSink output);

  /** Runs a command and returns its standard output; stderr goes to {@code errors}. */
  CommandOutput capture(String command, LineSink errors);

  /** Runs a command that must succeed; {@code what} names it in the error. */
  default void runChecked(String command, String what, LineSink output) {
    int status = run(command, output);
    if (status != 0) {
      throw new CommandFailedException(address(), what, status);
    }
  }

  /** Starts writing files to this host. */
  FileTransfer transfer();

  @Override
  void close();

  /** What {@link #capture} returns. */
  record CommandOutput(int status, byte[] stdout) {
    public String text() {
      return new String(stdout, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
