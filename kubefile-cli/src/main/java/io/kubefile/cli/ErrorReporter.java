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
    String msg = describe(ex);
    cmd.getErr().println("Error: " + msg);
    if (System.getenv("KUBEFILE_DEBUG") != null) {
      ex.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return 1;
  }

  /** File-system exceptions carry only a path as their message; say what went wrong with it. */
  static String describe(Exception ex) {
    if (ex instanceof java.nio.file.NoSuchFileException e) {
      return "no such file or directory: " + e.getFile();
    }
    if (ex instanceof java.nio.file.AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    }
    if (ex instanceof java.nio.file.NotDirectoryException e) {
      return "not a directory: " + e.getFile();
    }
    if (ex instanceof java.nio.file.FileAlreadyExistsException e) {
      return "already exists: " + e.getFile();
    }
    return ex.getMessage() == null ? ex.toString() : ex.getMessage();
  }
}
