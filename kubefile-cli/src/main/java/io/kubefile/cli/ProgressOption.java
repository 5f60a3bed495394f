package io.kubefile.cli;

import io.kubefile.distribution.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --progress}: the option every transferring command shares. */
final class ProgressOption {
  @Option(names = "--progress", paramLabel = "plain|tty|quiet", converter = ModeConverter.class,
      description = "Transfer progress: tty = a live line per blob, plain = a line per finished blob,"
          + " quiet = none (default: tty on a terminal, else plain).")
  ProgressMode mode;

  /** The listener for a command with this {@code -q}. */
  ProgressListener listener(boolean quiet, PrintWriter err) {
    return ProgressPrinter.forCommand(quiet, mode, err);
  }

  static final class ModeConverter implements picocli.CommandLine.ITypeConverter<ProgressMode> {
    @Override
    public ProgressMode convert(String value) {
      return ProgressMode.parse(value);
    }
  }
}
