package io.kubefile.transport;

import io.kubefile.store.StoreException;

/** An archive entry would land outside the archive (absolute, {@code ..}, link out) or is a device. */
public class UnsafeArchiveException extends StoreException {
  public UnsafeArchiveException(String message) {
    super(message);
  }
}
