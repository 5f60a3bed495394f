package io.kubefile.cli;

import io.kubefile.ErrorMessages;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one line on stderr and exit status 1 (picocli answers usage errors with 2).
 * The line is {@link ErrorMessages#of}: the library's message naming the file, line, reference or
 * host, never a Java exception name, because users need the message, not our internals. The stack
 * trace only with {@code --debug} or {@code KUBEFILE_DEBUG=1}, for bug reports.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  static final int EXIT_ERROR = 1;
  static final String DEBUG_OPTION = "--debug";
  static final String DEBUG_ENV = "KUBEFILE_DEBUG";

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    cmd.getErr().println("Error: " + ErrorMessages.of(ex));
    if (debugRequested(parseResult)) {
      ex.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return EXIT_ERROR;
  }

  /** {@code --debug} anywhere on the command line, or {@code KUBEFILE_DEBUG} set to anything but 0/false/empty. */
  static boolean debugRequested(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(DEBUG_OPTION)) {
        return true;
      }
    }
    String env = System.getenv(DEBUG_ENV);
    return env != null && !env.isEmpty() && !env.equals("0") && !env.equalsIgnoreCase("false");
  }
}
