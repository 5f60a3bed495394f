package io.kubefile.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns library exceptions into one clear line on stderr and exit status 1. Stack traces only with
 * KUBEFILE_DEBUG set, because users need the message, not our internals.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
    cmd.getErr().println("Error: " + msg);
    if (System.getenv("KUBEFILE_DEBUG") != null) {
      ex.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return 1;
  }
}
