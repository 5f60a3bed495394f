package io.kubefile.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code WARNING: ...} lines on stderr, each distinct warning once per command: a multi-platform
 * build runs the same checks (instruction file, registry/ lint, discovery) once per platform, and a
 * person needs to read each finding once. {@code WARNING:} is yellow on a colour terminal.
 */
final class WarningPrinter implements Consumer<String> {
  private final PrintWriter err;
  private final Terminal terminal;
  private final Set<String> printed = new HashSet<>();

  WarningPrinter(PrintWriter err) {
    this(err, Terminal.current());
  }

  WarningPrinter(PrintWriter err, Terminal terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void accept(String warning) {
    if (printed.add(warning)) {
      err.println(terminal.yellow("WARNING:") + " " + warning);
      err.flush();
    }
  }
}
