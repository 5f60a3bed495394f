package io.kubefile.lang.template;

import static io.kubefile.lang.template.Functions.fn;
import static io.kubefile.lang.template.Functions.str;
import static io.kubefile.lang.template.GoFunction.Type.ANY;
import static io.kubefile.lang.template.GoFunction.Type.STRING;
import static io.kubefile.lang.template.GoFunction.Type.TIME;

import io.kubefile.lang.template.GoFunction.Failure;
import java.util.Map;

/**
 * sprig v3.2.3's date functions ({@code date.go}). A date argument typed {@code interface{}} is a
 * time.Time or an integer (UNIX seconds); anything else means "now", as in sprig.
 *
 * <p>One known difference: Go tells an {@code int} (a literal) from an {@code int64} (the result of
 * {@code int64}, {@code add}...), and sprig's {@code duration} and {@code durationRound} accept only
 * the latter ({@code duration 90} is {@code 0s} in Go). This engine has one integer type, so both
 * forms give {@code 1m30s}.
 */
final class SprigDates {
  private SprigDates() {}

  static void register(Map<String, GoFunction> m) {
    fn(m, "now", l -> GoTime.now());
    fn(m, "date", l -> inZone(str(l, 0), l.get(1), "Local"), STRING, ANY);
    fn(m, "dateInZone", l -> inZone(str(l, 0), l.get(1), str(l, 2)), STRING, ANY, STRING);
    fn(m, "date_in_zone", l -> inZone(str(l, 0), l.get(1), str(l, 2)), STRING, ANY, STRING);
    fn(m, "htmlDate", l -> inZone("2006-01-02", l.get(0), "Local"), ANY);
    fn(m, "htmlDateInZone", l -> inZone("2006-01-02", l.get(0), str(l, 1)), ANY, STRING);
    fn(m, "dateModify", l -> modify(str(l, 0), (GoTime) l.get(1), false), STRING, TIME);
    fn(m, "date_modify", l -> modify(str(l, 0), (GoTime) l.get(1), false), STRING, TIME);
    fn(m, "mustDateModify", l -> modify(str(l, 0), (GoTime) l.get(1), true), STRING, TIME);
    fn(m, "must_date_modify", l -> modify(str(l, 0), (GoTime) l.get(1), true), STRING, TIME);
    fn(m, "ago", l -> {
      GoTime t = l.get(0) instanceof GoTime g ? g : l.get(0) instanceof Long s ? GoTime.unix(s) : GoTime.now();
      return GoDuration.format(GoDuration.round(GoTime.now().minus(t), GoDuration.SECOND));
    }, ANY);
    fn(m, "duration", l -> {
      long seconds = 0;
      if (l.get(0) instanceof String s) {
        seconds = parseInt64(s);
      } else if (l.get(0) instanceof Long n) {
        seconds = n;
      }
      return GoDuration.format(seconds * GoDuration.SECOND);
    }, ANY);
    fn(m, "durationRound", l -> durationRound(l.get(0)), ANY);
    fn(m, "toDate", l -> {
      try {
        return GoTimeLayout.parse(str(l, 0), str(l, 1), GoZone.LOCAL);
      } catch (Failure e) {
        return GoTime.zero();
      }
    }, STRING, STRING);
    fn(m, "mustToDate", l -> GoTimeLayout.parse(str(l, 0), str(l, 1), GoZone.LOCAL), STRING, STRING);
    fn(m, "unixEpoch", l -> Long.toString(((GoTime) l.get(0)).epochSecond), TIME);
  }

  /** dateInZone: the date (time.Time, or UNIX seconds; anything else: now) in ZONE (unknown: UTC) as LAYOUT. */
  private static String inZone(String layout, Object date, String zoneName) {
    GoTime t;
    if (date instanceof GoTime g) {
      t = g;
    } else if (date instanceof Long seconds) {
      t = GoTime.unix(seconds);
    } else {
      t = GoTime.now();
    }
    GoZone zone = GoZone.load(zoneName);
    return t.in(zone == null ? GoZone.UTC : zone).format(layout);
  }

  private static GoTime modify(String duration, GoTime t, boolean must) {
    long d;
    try {
      d = GoDuration.parse(duration);
    } catch (Failure e) {
      if (must) {
        throw e;
      }
      return t;
    }
    return t.plus(d);
  }

  /** strconv.ParseInt(s, 10, 64) with the error ignored: 0 unless S is a whole decimal int64. */
  private static long parseInt64(String s) {
    try {
      return s.matches("[+-]?[0-9]+") ? Long.parseLong(s) : 0;
    } catch (NumberFormatException e) {
      return s.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** durationRound: the largest whole unit (y = 365 days, mo = 30 days, d, h, m, s) of the duration. */
  private static String durationRound(Object value) {
    long d = 0;
    if (value instanceof String s) {
      try {
        d = GoDuration.parse(s);
      } catch (Failure e) {
        d = 0;
      }
    } else if (value instanceof Long n) {
      d = n;
    } else if (value instanceof GoTime t) {
      d = GoTime.now().minus(t);
    }
    long u = d < 0 ? -d : d;
    long second = GoDuration.SECOND;
    long[] units = {3600 * second * 24 * 365, 3600 * second * 24 * 30, 3600 * second * 24, 3600 * second,
        60 * second, second};
    String[] names = {"y", "mo", "d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (Long.compareUnsigned(u, units[i]) > 0) {
        return Long.toUnsignedString(Long.divideUnsigned(u, units[i])) + names[i];
      }
    }
    return "0s";
  }
}
