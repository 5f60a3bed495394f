package io.kubefile.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * {@link Host#run} and {@link Host#capture} on top of one way to execute a command with given
 * stdout and stderr streams, shared by the SSH and the local host.
 */
abstract class StreamingHost implements Host {

  /** Runs {@code command} as root; {@code stdout} and {@code stderr} may be the same stream. */
  abstract int execute(String command, OutputStream stdout, OutputStream stderr);

  @Override
  public final int run(String command, LineSink output) {
    try (LineSplitter out = new LineSplitter(output)) {
      return execute(command, out, out);
    }
  }

  @Override
  public final CommandOutput capture(String command, LineSink errors) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    try (LineSplitter err = new LineSplitter(errors)) {
      int status = execute(command, stdout, err);
      return new CommandOutput(status, stdout.toByteArray());
    }
  }
}
