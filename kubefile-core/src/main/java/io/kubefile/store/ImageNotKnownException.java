package io.kubefile.store;

/** No image in the store has the name or ID the user gave. */
public class ImageNotKnownException extends StoreException {
  public ImageNotKnownException(String nameOrId) {
    super("image not known: " + nameOrId);
  }
}
