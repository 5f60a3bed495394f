package io.kubefile.lang.shell;

import io.kubefile.KubefileException;
import io.kubefile.lang.go.GoText;

/**
 * A word could not be expanded: a syntax error (unterminated quote, bad substitution, ...) or a
 * mandatory variable ({@code ${v:?message}}) that is unset or empty.
 *
 * <p>{@link #getMessage()} is worded like buildkit's error, {@code failed to process "<word>": <reason>};
 * {@link #reason()} is the part after the colon. A word longer than {@link #EXCERPT_CODE_POINTS} is
 * quoted only in part, followed by its length: a hostile 600 KB word must not come back whole in an
 * error message (buildkit prints it all).
 */
public final class ShellExpansionException extends KubefileException {
  private static final long serialVersionUID = 1L;
  static final int EXCERPT_CODE_POINTS = 80;

  private final String word;
  private final String reason;

  ShellExpansionException(String word, String reason) {
    super("failed to process " + excerpt(word) + ": " + reason);
    this.word = word;
    this.reason = reason;
  }

  /** The word that was being expanded. */
  public String word() {
    return word;
  }

  /** What went wrong, without the "failed to process" prefix, e.g. {@code syntax error: bad substitution}. */
  public String reason() {
    return reason;
  }

  private static String excerpt(String word) {
    int length = word.codePointCount(0, word.length());
    if (length <= EXCERPT_CODE_POINTS) {
      return GoText.quote(word);
    }
    String start = word.substring(0, word.offsetByCodePoints(0, EXCERPT_CODE_POINTS));
    return GoText.quote(start) + "... (" + length + " characters)";
  }
}
