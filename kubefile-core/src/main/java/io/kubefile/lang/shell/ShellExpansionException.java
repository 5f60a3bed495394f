package io.kubefile.lang.shell;

import io.kubefile.KubefileException;
import io.kubefile.lang.go.GoText;

/**
 * A word could not be expanded: a syntax error (unterminated quote, bad substitution, ...) or a
 * mandatory variable ({@code ${v:?message}}) that is unset or empty.
 *
 * <p>{@link #getMessage()} is worded like buildkit's error, {@code failed to process "<word>": <reason>};
 * {@link #reason()} is the part after the colon.
 */
public final class ShellExpansionException extends KubefileException {
  private static final long serialVersionUID = 1L;

  private final String word;
  private final String reason;

  ShellExpansionException(String word, String reason) {
    super("failed to process " + GoText.quote(word) + ": " + reason);
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
}
