package io.kubefile.cli;

import java.util.Map;

/**
 * What the terminal allows: live redraws only when there is one (and it is not {@code TERM=dumb}),
 * colour only then and when {@code NO_COLOR} is unset or empty (https://no-color.org).
 */
record Terminal(boolean interactive, boolean colour) {
  private static final String GREEN = "\033[32m";
  private static final String YELLOW = "\033[33m";
  private static final String RESET = "\033[0m";

  static Terminal current() {
    return of(System.console() != null, System.getenv());
  }

  static Terminal of(boolean console, Map<String, String> env) {
    boolean interactive = console && !"dumb".equals(env.get("TERM"));
    String noColor = env.get("NO_COLOR");
    return new Terminal(interactive, interactive && (noColor == null || noColor.isEmpty()));
  }

  String green(String text) {
    return colour ? GREEN + text + RESET : text;
  }

  String yellow(String text) {
    return colour ? YELLOW + text + RESET : text;
  }
}
