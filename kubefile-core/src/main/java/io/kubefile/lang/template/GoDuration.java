package io.kubefile.lang.template;

import io.kubefile.lang.template.GoFunction.Failure;

/**
 * Go's {@code time.Duration} (int64 nanoseconds): {@code String} ({@code 1h2m3.5s}, {@code 1.5µs}),
 * {@code ParseDuration} and {@code Round}, ported because java.time.Duration prints ISO-8601
 * ({@code PT1H2M}) and parses no Go durations.
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

  /** time.ParseDuration; fails with Go's message. */
  static long parse(String s) {
    String orig = s;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    long total = 0;
    while (!s.isEmpty()) {
      if (!(s.charAt(0) == '.' || Character.isDigit(s.charAt(0)))) {
        throw invalid(orig);
      }
      int i = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      boolean pre = i > 0;
      java.math.BigInteger whole = pre ? new java.math.BigInteger(s.substring(0, i)) : java.math.BigInteger.ZERO;
      s = s.substring(i);
      String frac = "";
      boolean post = false;
      if (s.startsWith(".")) {
        s = s.substring(1);
        int j = 0;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
          j++;
        }
        frac = s.substring(0, j);
        post = j > 0;
        s = s.substring(j);
      }
      if (!pre && !post) {
        throw invalid(orig);
      }
      int u = 0;
      while (u < s.length() && s.charAt(u) != '.' && !(s.charAt(u) >= '0' && s.charAt(u) <= '9')) {
        u++;
      }
      if (u == 0) {
        throw new Failure("time: missing unit in duration " + GoFormat.quote(orig));
      }
      String unitText = s.substring(0, u);
      s = s.substring(u);
      long unit = switch (unitText) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1000L;
        case "ms" -> 1_000_000L;
        case "s" -> SECOND;
        case "m" -> 60 * SECOND;
        case "h" -> 3600 * SECOND;
        default -> throw new Failure("time: unknown unit " + GoFormat.quote(unitText) + " in duration "
            + GoFormat.quote(orig));
      };
      java.math.BigDecimal v = new java.math.BigDecimal(whole);
      if (!frac.isEmpty()) {
        v = v.add(new java.math.BigDecimal("0." + frac));
      }
      java.math.BigInteger nanos = v.multiply(java.math.BigDecimal.valueOf(unit)).toBigInteger();
      total = addChecked(total, nanos, orig);
    }
    if (neg) {
      return -total;
    }
    if (total < 0) {
      throw invalid(orig);
    }
    return total;
  }

  private static long addChecked(long total, java.math.BigInteger nanos, String orig) {
    java.math.BigInteger sum = java.math.BigInteger.valueOf(total).add(nanos);
    if (sum.bitLength() > 63 && !sum.equals(java.math.BigInteger.ONE.shiftLeft(63))) {
      throw invalid(orig);
    }
    return sum.longValue();
  }

  private static Failure invalid(String orig) {
    return new Failure("time: invalid duration " + GoFormat.quote(orig));
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
