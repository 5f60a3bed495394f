package io.kubefile.context;

import io.kubefile.KubefileException;

/**
 * A path in the build context leads outside it through a symbolic link (or through too many links to
 * tell). The message names the link and where it points, so the user can fix the context.
 */
public final class ContextEscapeException extends KubefileException {
  private static final long serialVersionUID = 1L;

  ContextEscapeException(String message) {
    super(message);
  }
}
