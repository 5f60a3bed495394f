package io.kubefile.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * {@link Host#run} and {@link Host#capture} on top of one way to execute a command with given
 * stdout and stderr streams, shared by the SSH and the local host.
 */
abstract class StreamingHost implements Host {

  /**
   * Runs {@code command} as root; {@code stdout} and {@code stderr} may be the same stream. When
   * {@code limit} (null: none) passes first, the command is stopped and {@link CommandTimedOutException} thrown.
   */
  abstract int execute(String command, OutputStream stdout, OutputStream stderr, Duration limit);

  @Override
  public final int run(String command, LineSink output, Duration limit) {
    try (LineSplitter out = new LineSplitter(output)) {
      return execute(command, out, out, limit);
    }
  }

  @Override
  public final CommandOutput capture(String command, LineSink errors) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    try (LineSplitter err = new LineSplitter(errors)) {
      int status = execute(command, stdout, err, null);
      return new CommandOutput(status, stdout.toByteArray());
    }
  }
}
