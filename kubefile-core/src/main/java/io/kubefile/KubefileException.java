package io.kubefile;

/**
 * The root of every failure the library reports to its caller.
 *
 * <p>Unchecked, so that a library user catches one type at the boundary of a whole operation
 * (build, pull, push, run) instead of a different checked type per stage. The message is written
 * for the person running the tool: it names the file, line, reference or host concerned and never
 * a Java exception class; the cause, when there is one, is kept for {@code --debug} output.
 * Subclasses say which stage failed, so a caller (the CLI) can map them to exit codes.
 */
public class KubefileException extends RuntimeException {

  public KubefileException(String message) {
    super(message);
  }

  public KubefileException(String message, Throwable cause) {
    super(message, cause);
  }
}
