package io.kubefile.lang.template;

import io.kubefile.lang.template.GoFunction.Failure;

/**
 * Go's {@code time.Duration} (int64 nanoseconds): {@code String} ({@code 1h2m3.5s}, {@code 1.5µs})
 * and {@code Round}, ported because java.time.Duration prints ISO-8601 ({@code PT1H2M});
 * parsing is {@link io.kubefile.lang.go.GoDuration}'s.
 */
final class GoDuration {
  static final long SECOND = 1_000_000_000L;

  private GoDuration() {}

  /** Duration.String. */
  static String format(long d) {
    if (d == 0) {
      return "0s";
    }
    boolean neg = d < 0;
    long u = neg ? -d : d; // Long.MIN_VALUE stays negative: handled as unsigned below
    StringBuilder b = new StringBuilder();
    if (Long.compareUnsigned(u, SECOND) < 0) {
      int prec;
      String unit;
      if (u < 1000) {
        prec = 0;
        unit = "ns";
      } else if (u < 1_000_000) {
        prec = 3;
        unit = "µs";
      } else {
        prec = 6;
        unit = "ms";
      }
      b.append(Long.toUnsignedString(Long.divideUnsigned(u, pow10(prec))));
      b.append(fraction(Long.remainderUnsigned(u, pow10(prec)), prec)).append(unit);
    } else {
      String frac = fraction(Long.remainderUnsigned(u, SECOND), 9);
      long secs = Long.divideUnsigned(u, SECOND);
      long hours = secs / 3600;
      long minutes = secs / 60 % 60;
      if (hours > 0) {
        b.append(hours).append('h');
      }
      if (hours > 0 || minutes > 0) {
        b.append(minutes).append('m');
      }
      b.append(secs % 60).append(frac).append('s');
    }
    return (neg ? "-" : "") + b;
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  /** fmtFrac: "." and the PREC-digit fraction without trailing zeros, or "" when it is zero. */
  private static String fraction(long v, int prec) {
    if (v == 0) {
      return "";
    }
    StringBuilder digits = new StringBuilder(Long.toString(v));
    while (digits.length() < prec) {
      digits.insert(0, '0');
    }
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return "." + digits.substring(0, end);
  }

  /** time.ParseDuration in nanoseconds; fails with Go's message. */
  static long parse(String s) {
    try {
      return io.kubefile.lang.go.GoDuration.parse(s).toNanos();
    } catch (IllegalArgumentException e) {
      throw new Failure(e.getMessage());
    }
  }

  /** Duration.Round(m): to the nearest multiple of M, halfway away from zero, saturating. */
  static long round(long d, long m) {
    if (m <= 0) {
      return d;
    }
    long r = d % m;
    if (d < 0) {
      r = -r;
      if (lessThanHalf(r, m)) {
        return d + r;
      }
      long d1 = d - m + r;
      return d1 < d ? d1 : Long.MIN_VALUE;
    }
    if (lessThanHalf(r, m)) {
      return d - r;
    }
    long d1 = d + m - r;
    return d1 > d ? d1 : Long.MAX_VALUE;
  }

  private static boolean lessThanHalf(long x, long y) {
    return Long.compareUnsigned(x + x, y) < 0;
  }
}
