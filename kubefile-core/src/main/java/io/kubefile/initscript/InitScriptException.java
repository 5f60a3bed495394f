package io.kubefile.initscript;

import io.kubefile.KubefileException;

/** {@code init.sh} failed, or could not be run; the message carries the script's output. */
public class InitScriptException extends KubefileException {
  public InitScriptException(String message) {
    super(message);
  }

  public InitScriptException(String message, Throwable cause) {
    super(message, cause);
  }
}
