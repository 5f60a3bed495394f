package io.kubefile.cli;

import io.kubefile.distribution.ProgressListener;
import io.kubefile.image.Descriptor;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blob transfer progress on stderr, as podman shows it: on a terminal one {@code \r}-rewritten
 * line with the bytes done, ended by a "done" line per blob; elsewhere (logs, CI) only the "done"
 * line per blob, so output stays readable; nothing at all when quiet.
 */
final class ProgressPrinter implements ProgressListener {
  /** Terminal updates at most this often, so progress output never slows a fast copy down. */
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final ConcurrentHashMap<String, Long> lastDrawn = new ConcurrentHashMap<>();

  private ProgressPrinter(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** The listener for a command: bars on a terminal, lines elsewhere, none with {@code -q}. */
  static ProgressListener forCommand(boolean quiet, PrintWriter err) {
    if (quiet) {
      return ProgressListener.NONE;
    }
    return new ProgressPrinter(err, System.console() != null);
  }

  @Override
  public void progressed(Descriptor blob, long bytesDone) {
    if (!terminal) {
      return;
    }
    long now = System.nanoTime();
    Long last = lastDrawn.get(blob.digest().toString());
    if (last != null && now - last < REDRAW_NANOS && bytesDone < blob.size()) {
      return;
    }
    lastDrawn.put(blob.digest().toString(), now);
    synchronized (err) {
      err.print("\r" + pad(what(blob) + " " + blob.digest().shortHex() + "  "
          + binary(bytesDone) + " / " + binary(blob.size())));
      err.flush();
    }
  }

  @Override
  public void finished(Descriptor blob, BlobOutcome outcome) {
    lastDrawn.remove(blob.digest().toString());
    String result = switch (outcome) {
      case ALREADY_PRESENT, ALREADY_IN_REGISTRY -> "skipped: already exists";
      case MOUNTED -> "mounted";
      default -> "done";
    };
    String line = what(blob) + " " + blob.digest().algorithm() + ":" + blob.digest().shortHex() + " " + result;
    synchronized (err) {
      err.println(terminal ? "\r" + pad(line) : line);
      err.flush();
    }
  }

  private static String what(Descriptor blob) {
    String type = blob.mediaType() == null ? "" : blob.mediaType();
    return type.contains("config") ? "Copying config" : "Copying blob";
  }

  /** Wide enough to overwrite the longer line a redraw replaces. */
  private static String pad(String line) {
    return String.format(Locale.ROOT, "%-72s", line);
  }

  /** Binary units as podman's bars show them: {@code 12.3 MiB}. */
  static String binary(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
