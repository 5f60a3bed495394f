package io.kubefile.lang.parser;

import io.kubefile.KubefileException;

/**
 * A Kubefile that cannot be parsed or turned into instructions. The message reads like a
 * compiler's: {@code Kubefile:7: ENV must have two arguments}.
 */
public class ParseException extends KubefileException {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final int line;
  private final String detail;

  public ParseException(String fileName, int line, String detail) {
    super(fileName + ":" + line + ": " + detail);
    this.fileName = fileName;
    this.line = line;
    this.detail = detail;
  }

  public String fileName() {
    return fileName;
  }

  /** The 1-based line the problem starts on. */
  public int line() {
    return line;
  }

  /** The message without the {@code file:line:} prefix. */
  public String detail() {
    return detail;
  }
}
