package io.kubefile.builder;

import io.kubefile.KubefileException;

/** A build failed for a reason the user can fix; the message names the file, line or path. */
public class BuildException extends KubefileException {
  public BuildException(String message) {
    super(message);
  }

  public BuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
