package io.kubefile.lang.go;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration} ("1h30m", "1.5s", "300ms"): HEALTHCHECK intervals and the
 * template functions {@code dateModify} and {@code durationRound}.
 */
public final class GoDuration {
  private static final Map<String, Long> UNIT_NANOS = Map.of(
      "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  public static Duration parse(String text) throws IllegalArgumentException {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      boolean pre = i > start;
      String number = s.substring(start, i);
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
          i++;
        }
        post = i > fracStart;
        number = number + "." + s.substring(fracStart, i);
      }
      if (!pre && !post) {
        throw invalid(text);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (unitStart == i) {
        throw new IllegalArgumentException("time: missing unit in duration " + GoText.quote(text));
      }
      String unit = s.substring(unitStart, i);
      Long nanos = UNIT_NANOS.get(unit);
      if (nanos == null) {
        throw new IllegalArgumentException(
            "time: unknown unit " + GoText.quote(unit) + " in duration " + GoText.quote(text));
      }
      String digits = number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number;
      total = total.add(new BigDecimal(digits).multiply(BigDecimal.valueOf(nanos)));
      if (total.compareTo(MAX) > 0) {
        throw invalid(text);
      }
    }
    long nanos = total.longValue(); // Go truncates fractional nanoseconds
    return Duration.ofNanos(negative ? -nanos : nanos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration " + GoText.quote(text));
  }
}
