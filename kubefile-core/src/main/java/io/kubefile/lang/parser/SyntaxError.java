package io.kubefile.lang.parser;

/** A parse failure before its location is known; {@link Parser} turns it into a ParseException. */
final class SyntaxError extends Exception {
  private static final long serialVersionUID = 1L;

  SyntaxError(String message) {
    super(message, null, false, false);
  }
}
