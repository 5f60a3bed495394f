package io.kubefile.ssh;

import java.time.Duration;

/** Durations as people read them in messages: {@code 300 s}, {@code 1.5 s}, {@code 250 ms}. */
final class Durations {
  private Durations() {}

  static String text(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
