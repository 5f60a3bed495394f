package io.kubefile.context;

import io.kubefile.KubefileException;

/**
 * An ignore pattern is malformed. The message is Go's: {@code syntax error in pattern} for
 * {@code filepath.ErrBadPattern}, or {@code illegal exclusion pattern: "!"} for a lone {@code !}.
 */
public final class BadPatternException extends KubefileException {
  private static final long serialVersionUID = 1L;

  static final String SYNTAX_ERROR = "syntax error in pattern";

  BadPatternException(String message) {
    super(message);
  }

  static BadPatternException syntaxError() {
    return new BadPatternException(SYNTAX_ERROR);
  }
}
