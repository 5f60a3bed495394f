package io.kubefile.cli;

import io.kubefile.distribution.ProgressListener;
import io.kubefile.image.Descriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.Map;

/**
 * Blob transfer progress on stderr, as buildah and docker show it. On a terminal ({@link
 * ProgressMode#TTY}) every blob in flight has a live line of its own (digest, bytes done / total,
 * rate) in a block at the bottom that is redrawn with ANSI cursor movement, and each finished
 * blob's line is printed above that block and kept, so parallel transfers never overwrite each
 * other. Off a terminal ({@link ProgressMode#PLAIN}) only the one "done" line per blob, so logs
 * stay readable; nothing at all in {@link ProgressMode#QUIET}.
 */
final class ProgressPrinter implements ProgressListener {
  /** Redraws at most this often, so progress output never slows a fast copy down. */
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final String CURSOR_UP = "\033[%dA";
  private static final String CLEAR_TO_END = "\033[J";

  private final PrintWriter err;
  private final ProgressMode mode;
  private final Terminal terminal;
  /** Blobs in flight, in the order they started; guarded by {@code this}. */
  private final Map<String, Transfer> live = new LinkedHashMap<>();
  private int drawnLines;
  private long lastDraw;

  /** Monotonic time in nanoseconds; a parameter so that tests set the time rates are computed from. */
  private final LongSupplier nanoClock;

  ProgressPrinter(PrintWriter err, ProgressMode mode, Terminal terminal) {
    this(err, mode, terminal, System::nanoTime);
  }

  ProgressPrinter(PrintWriter err, ProgressMode mode, Terminal terminal, LongSupplier nanoClock) {
    this.err = err;
    this.mode = mode;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
  }

  /** The listener for a command: {@code -q} wins, then {@code --progress}, then whether stderr is a terminal. */
  static ProgressListener forCommand(boolean quiet, PrintWriter err) {
    return forCommand(quiet, null, err);
  }

  static ProgressListener forCommand(boolean quiet, ProgressMode forced, PrintWriter err) {
    Terminal terminal = Terminal.current();
    ProgressMode mode = quiet ? ProgressMode.QUIET : forced != null ? forced : terminal.interactive() ? ProgressMode.TTY : ProgressMode.PLAIN;
    return mode == ProgressMode.QUIET ? ProgressListener.NONE : new ProgressPrinter(err, mode, terminal);
  }

  @Override
  public synchronized void started(Descriptor blob) {
    if (mode != ProgressMode.TTY) {
      return;
    }
    live.put(blob.digest().toString(), new Transfer(blob, nanoClock.getAsLong()));
    redraw(List.of());
  }

  @Override
  public synchronized void progressed(Descriptor blob, long bytesDone) {
    if (mode != ProgressMode.TTY) {
      return;
    }
    Transfer transfer = live.computeIfAbsent(blob.digest().toString(), d -> new Transfer(blob, nanoClock.getAsLong()));
    transfer.done = bytesDone;
    long now = nanoClock.getAsLong();
    if (now - lastDraw >= REDRAW_NANOS) {
      redraw(List.of());
    }
  }

  @Override
  public synchronized void finished(Descriptor blob, BlobOutcome outcome) {
    String line = what(blob) + " " + blob.digest().algorithm() + ":" + blob.digest().shortHex() + " "
        + terminal.green(result(outcome));
    if (mode == ProgressMode.TTY) {
      live.remove(blob.digest().toString());
      if (outcome == BlobOutcome.DOWNLOADED || outcome == BlobOutcome.UPLOADED) {
        line += "  " + binary(blob.size());
      }
      redraw(List.of(line));
    } else {
      err.println(line);
      err.flush();
    }
  }

  /** A retry is shown as a warning line, kept above the live block. */
  @Override
  public synchronized void retrying(String message) {
    String line = "WARNING: " + message;
    if (mode == ProgressMode.TTY) {
      redraw(List.of(line));
    } else {
      err.println(line);
      err.flush();
    }
  }

  /** Erases the live block, prints the finished lines (kept), then the live block again. */
  private void redraw(List<String> finishedLines) {
    StringBuilder screen = new StringBuilder();
    if (drawnLines > 0) {
      screen.append('\r').append(String.format(Locale.ROOT, CURSOR_UP, drawnLines)).append(CLEAR_TO_END);
    }
    finishedLines.forEach(l -> screen.append(l).append('\n'));
    long now = nanoClock.getAsLong();
    for (Transfer transfer : live.values()) {
      screen.append(transfer.line(now)).append('\n');
    }
    drawnLines = live.size();
    lastDraw = now;
    err.print(screen);
    err.flush();
  }

  private static String result(BlobOutcome outcome) {
    return switch (outcome) {
      case ALREADY_PRESENT, ALREADY_IN_REGISTRY -> "skipped: already exists";
      case MOUNTED -> "mounted";
      default -> "done";
    };
  }

  private static String what(Descriptor blob) {
    String type = blob.mediaType() == null ? "" : blob.mediaType();
    return type.contains("config") ? "Copying config" : "Copying blob";
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

  /** One blob in flight. */
  private static final class Transfer {
    final Descriptor blob;
    final long startNanos;
    long done;

    Transfer(Descriptor blob, long startNanos) {
      this.blob = blob;
      this.startNanos = startNanos;
    }

    String line(long now) {
      double seconds = (now - startNanos) / 1e9;
      String rate = seconds > 0.05 ? binary((long) (done / seconds)) + "/s" : "";
      return String.format(Locale.ROOT, "%s %s:%s  %s / %s  %s", what(blob), blob.digest().algorithm(),
          blob.digest().shortHex(), binary(done), binary(blob.size()), rate).stripTrailing();
    }
  }
}
