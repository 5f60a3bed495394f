package io.kubefile.lang.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables a word is expanded against. A variable is either absent or set, and a set variable may
 * be empty; the lexer distinguishes the two ({@code ${v-w}} versus {@code ${v:-w}}).
 *
 * <p>Keys are case-sensitive, as buildkit's keys are on Linux.
 */
@FunctionalInterface
public interface Env {

  /** The value of {@code name}, or empty when the variable is not set. */
  Optional<String> lookup(String name);

  /** An environment with no variables at all. */
  static Env empty() {
    return name -> Optional.empty();
  }

  /** A snapshot of {@code variables}; later changes to the map are not seen. */
  static Env of(Map<String, String> variables) {
    Map<String, String> copy = new LinkedHashMap<>(variables);
    return name -> Optional.ofNullable(copy.get(name));
  }

  /**
   * Builds an environment from {@code KEY=VALUE} entries, like buildkit's {@code EnvsFromSlice}: each
   * entry is split at its first {@code =}, an entry without {@code =} sets the key to "", and a later
   * entry overrides an earlier one.
   */
  static Env fromKeyValues(List<String> entries) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq < 0) {
        map.put(entry, "");
      } else {
        map.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return of(map);
  }
}
