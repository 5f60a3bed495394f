package io.kubefile.run;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SEALOS_EXECUTION_TIMEOUT}, the limit of each application command (R23), read as sealos
 * reads it: a Go duration ({@code 300s}, {@code 5m}, {@code 1h30m}, {@code 1.5s}, {@code 250ms}),
 * a bare number of seconds, {@code 0} for no limit; unset or empty means 300 s.
 */
public final class ExecutionTimeout {
  public static final String VARIABLE = "SEALOS_EXECUTION_TIMEOUT";
  public static final Duration DEFAULT = Duration.ofSeconds(300);
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private ExecutionTimeout() {}

  /** The limit from the environment; null means no limit. */
  public static Duration fromEnvironment(Map<String, String> env) {
    return parse(env.get(VARIABLE));
  }

  /** The limit {@code text} gives; null means no limit. */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT;
    }
    String value = text.strip();
    Duration duration;
    if (value.matches("\\d+")) {
      duration = Duration.ofSeconds(Long.parseLong(value));
    } else {
      duration = Duration.ZERO;
      Matcher matcher = PART.matcher(value);
      int end = 0;
      while (matcher.find() && matcher.start() == end) {
        duration = duration.plus(part(new BigDecimal(matcher.group(1)), matcher.group(2)));
        end = matcher.end();
      }
      if (end != value.length() || end == 0) {
        throw new RunException(VARIABLE + "=" + text + " is not a duration (use e.g. 300s, 5m, 1h30m, or 0 for no limit)");
      }
    }
    return duration.isZero() ? null : duration;
  }

  private static Duration part(BigDecimal amount, String unit) {
    BigDecimal nanosPerUnit = switch (unit) {
      case "ns" -> BigDecimal.ONE;
      case "us", "µs" -> BigDecimal.valueOf(1_000L);
      case "ms" -> BigDecimal.valueOf(1_000_000L);
      case "s" -> BigDecimal.valueOf(1_000_000_000L);
      case "m" -> BigDecimal.valueOf(60_000_000_000L);
      default -> BigDecimal.valueOf(3_600_000_000_000L);
    };
    return Duration.ofNanos(amount.multiply(nanosPerUnit).longValue());
  }
}
