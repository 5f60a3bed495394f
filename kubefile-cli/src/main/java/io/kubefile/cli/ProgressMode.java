package io.kubefile.cli;

import java.util.Locale;

/** How transfers show progress: {@code --progress=plain|tty|quiet}, else chosen by whether stderr is a terminal. */
enum ProgressMode {
  /** One line per finished blob: for logs and CI. */
  PLAIN,
  /** A live line per blob in flight, redrawn with ANSI cursor movement; finished lines kept. */
  TTY,
  /** Nothing. */
  QUIET;

  /** picocli converter: the lower-case names. */
  static ProgressMode parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.TypeConversionException(
          "--progress must be plain, tty or quiet, not \"" + text + "\"");
    }
  }
}
