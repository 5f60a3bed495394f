package io.kubefile.merge;

import io.kubefile.KubefileException;

/** A merge that cannot be done as asked. */
public class MergeException extends KubefileException {
  public MergeException(String message) {
    super(message);
  }
}
