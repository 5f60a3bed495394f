package io.kubefile.cli;

import java.time.Duration;
import java.util.Locale;

/** Sizes and ages the way podman prints them (Go's docker/go-units). */
final class HumanUnits {
  private static final String[] DECIMAL_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

  private HumanUnits() {}

  /** go-units HumanSizeWithPrecision(size, 3): "12.3 MB", "512 B". */
  static String size(long bytes) {
    double value = bytes;
    int unit = 0;
    while (value >= 1000 && unit < DECIMAL_UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return formatG3(value) + " " + DECIMAL_UNITS[unit];
  }

  /** Go's %.3g for values below 1000: three significant digits, no trailing zeros. */
  private static String formatG3(double value) {
    String text = new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    return text;
  }

  /** go-units HumanDuration plus " ago": "2 minutes ago", "About an hour ago". */
  static String ago(Duration age) {
    return duration(age) + " ago";
  }

  static String duration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = d.toMinutes();
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    double exactHours = seconds / 3600.0;
    long hours = Math.round(exactHours);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return String.format(Locale.ROOT, "%d years", (long) (exactHours / 24 / 365));
  }
}
