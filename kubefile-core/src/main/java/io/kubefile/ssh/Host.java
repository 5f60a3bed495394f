package io.kubefile.ssh;

/**
 * One machine of a cluster, reached over one SSH connection (or in-process when local). Commands
 * run as root: a non-root login goes through sudo.
 */
public interface Host extends AutoCloseable {

  HostAddress address();

  /** Runs a shell command; every output line (stdout and stderr) goes to {@code output}. */
  default int run(String command, LineSink output) {
    return run(command, output, null);
  }

  /**
   * Runs a shell command that may take at most {@code limit} (null: no limit); a command still
   * running then is stopped and {@link CommandTimedOutException} thrown.
   */
  int run(String command, LineSink output, java.time.Duration limit);

  /** Runs a command and returns its standard output; stderr goes to {@code errors}. */
  CommandOutput capture(String command, LineSink errors);

  /** Runs a command that must succeed; {@code what} names it in the error. */
  default void runChecked(String command, String what, LineSink output) {
    runChecked(command, what, output, null);
  }

  /** Runs a command that must succeed within {@code limit} (null: no limit); {@code what} names it in errors. */
  default void runChecked(String command, String what, LineSink output, java.time.Duration limit) {
    int status;
    try {
      status = run(command, output, limit);
    } catch (CommandTimedOutException e) {
      throw new CommandTimedOutException(address(), what, limit);
    }
    if (status != 0) {
      throw new CommandFailedException(address(), what, status);
    }
  }

  /**
   * Starts writing files to this host. It may be on a channel the host keeps for all such
   * transfers, which serves one at a time: a transfer started on another thread waits until this
   * one is closed, so close it on the thread that started it, as soon as its files are written.
   */
  FileTransfer transfer();

  /**
   * Starts writing files to this host over a channel of its own, closed with the transfer, so that
   * several threads can each write files at once ({@link #transfer()} may share one channel, which
   * serves one transfer at a time). A host whose transfers are independent already returns one of those.
   *
   * @throws HostException when the host refuses another channel (sshd's {@code MaxSessions})
   */
  default FileTransfer separateTransfer() {
    return transfer();
  }

  @Override
  void close();

  /** What {@link #capture} returns. */
  record CommandOutput(int status, byte[] stdout) {
    public String text() {
      return new String(stdout, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
