package io.kubefile.distribution;

import io.kubefile.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A username and password, or an identity token (an OAuth2 refresh token that {@code docker login}
 * stores as {@code identitytoken}). The secret never appears in {@link #toString()}.
 */
public final class Credentials {
  private final String username;
  private final String password;
  private final String identityToken;

  private Credentials(String username, String password, String identityToken) {
    this.username = username;
    this.password = password;
    this.identityToken = identityToken;
  }

  public static Credentials of(String username, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    return new Credentials(username, password, null);
  }

  /** An identity token; {@code username} may be empty (docker stores {@code <token>} or nothing). */
  public static Credentials identityToken(String username, String token) {
    Objects.requireNonNull(token, "token");
    return new Credentials(username == null ? "" : username, "", token);
  }

  /** Parses {@code user:pass} as given to {@code --creds}; the password may contain colons. */
  public static Credentials parse(String userColonPassword) {
    int colon = userColonPassword.indexOf(':');
    if (colon <= 0) {
      throw new InvalidValueException("credentials must be given as user:password");
    }
    return of(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public Optional<String> identityToken() {
    return Optional.ofNullable(identityToken);
  }

  /** The value of an {@code Authorization: Basic} header. */
  String basicAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials c
        && c.username.equals(username)
        && c.password.equals(password)
        && Objects.equals(c.identityToken, identityToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, password, identityToken);
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", secret=<redacted>]";
  }
}
