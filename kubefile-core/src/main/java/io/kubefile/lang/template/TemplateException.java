package io.kubefile.lang.template;

import io.kubefile.KubefileException;

/**
 * A template that cannot be parsed or executed. The message is Go's own, e.g. {@code template:
 * NAME:LINE: function "foo" not defined} or {@code template: NAME:LINE:COL: executing "NAME" at
 * <.x>: ...}, so that a sealos user recognises it and finds the line.
 */
public class TemplateException extends KubefileException {
  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
