package io.kubefile.lang.instructions;

import java.util.Optional;

/** One {@code name[=default]} of an ARG; the default is raw (null when absent). */
public record ArgDefinition(String name, String defaultValue) {
  public Optional<String> defaultIfAny() {
    return Optional.ofNullable(defaultValue);
  }

  public boolean hasDefault() {
    return defaultValue != null;
  }
}
