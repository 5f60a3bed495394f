package io.kubefile;

/**
 * A value a caller passed by name (a pull policy, a compression format, {@code user:password}
 * credentials) that the library does not accept.
 *
 * <p>A {@link KubefileException} rather than {@link IllegalArgumentException} because these values
 * come straight from users (flags, plugin parameters, settings files): the library reports them
 * like every other user error, so a caller catching {@code KubefileException} at the boundary of
 * an operation sees them too. The message quotes the value and lists what is accepted.
 */
public final class InvalidValueException extends KubefileException {

  public InvalidValueException(String message) {
    super(message);
  }
}
