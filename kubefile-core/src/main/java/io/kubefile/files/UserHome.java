package io.kubefile.files;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's home directory, for every file Kubefile keeps there ({@code ~/.sealos},
 * {@code ~/.ssh}, credentials, the store): {@code $HOME} as the shell, sealos and other Go programs
 * read it, so {@code HOME=/x kubefile …} behaves as {@code HOME=/x sealos …}; Java's
 * {@code user.home} (from the password database) only when {@code HOME} is unset or empty.
 */
public final class UserHome {
  private UserHome() {}

  public static Path of(Map<String, String> environment) {
    String home = environment.get("HOME");
    return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
  }

  /** The home directory of this process's environment. */
  public static Path current() {
    return of(System.getenv());
  }
}
