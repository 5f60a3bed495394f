package io.kubefile.image;

import io.kubefile.KubefileException;

/**
 * A platform written by a user ({@code --platform}, {@code FROM --platform}, a library caller's
 * string) is not {@code os/arch[/variant]}; the message quotes the text and says what is wrong.
 */
public class InvalidPlatformException extends KubefileException {
  public InvalidPlatformException(String message) {
    super(message);
  }
}
