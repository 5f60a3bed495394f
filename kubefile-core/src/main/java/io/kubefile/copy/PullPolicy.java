package io.kubefile.copy;

import io.kubefile.InvalidValueException;
import java.util.Locale;

/** When a pull contacts the registry, as podman's and buildah's {@code --pull} / {@code --policy}. */
public enum PullPolicy {
  /** Pull only when the store has no image of that name. */
  MISSING,
  /** Ask the registry (HEAD) and pull when its manifest digest differs from the stored one. */
  NEWER,
  /** Always pull (blobs the store already has are not downloaded again). */
  ALWAYS,
  /** Never contact the registry: the image must be in the store. */
  NEVER;

  /**
   * Parses podman's {@code missing|always|never|newer} and buildah's {@code true|false}: {@code
   * true} means pull-if-newer, {@code false} pull-if-missing.
   */
  public static PullPolicy parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "missing", "false", "ifmissing", "ifnotpresent" -> MISSING;
      case "newer", "true", "ifnewer" -> NEWER;
      case "always" -> ALWAYS;
      case "never" -> NEVER;
      default -> throw new InvalidValueException(
          "unknown pull policy \"" + text + "\": use missing, newer, always or never (or true/false)");
    };
  }
}
