package io.kubefile.run;

import io.kubefile.KubefileException;

/** Installing, resetting or addressing a cluster failed; the message names the cluster, host or image. */
public class RunException extends KubefileException {

  public RunException(String message) {
    super(message);
  }

  public RunException(String message, Throwable cause) {
    super(message, cause);
  }
}
