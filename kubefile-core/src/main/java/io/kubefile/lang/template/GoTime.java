package io.kubefile.lang.template;

import static io.kubefile.lang.template.Functions.fn;
import static io.kubefile.lang.template.Functions.str;
import static io.kubefile.lang.template.GoFunction.Type.DURATION;
import static io.kubefile.lang.template.GoFunction.Type.INT;
import static io.kubefile.lang.template.GoFunction.Type.STRING;
import static io.kubefile.lang.template.GoFunction.Type.TIME;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Go's {@code time.Time}: an instant (UNIX seconds and nanoseconds), the location it is shown in,
 * and, for {@link #now()} only, a monotonic clock reading (which {@code String} prints as {@code
 * m=+0.000123456}, and which In/UTC/Local/AddDate drop as Go's do).
 */
final class GoTime implements GoObject {
  static final String STRING_LAYOUT = "2006-01-02 15:04:05.999999999 -0700 MST";
  private static final long START = System.nanoTime();
  private static final Map<String, GoFunction> METHODS = methodTable();

  final long epochSecond;
  final int nano;
  final GoZone zone;
  /** Nanoseconds since the process's monotonic origin, or null. */
  final Long monotonic;

  GoTime(long epochSecond, int nano, GoZone zone, Long monotonic) {
    this.epochSecond = epochSecond;
    this.nano = nano;
    this.zone = zone;
    this.monotonic = monotonic;
  }

  static GoTime now() {
    Instant i = Instant.now();
    return new GoTime(i.getEpochSecond(), i.getNano(), GoZone.LOCAL, System.nanoTime() - START + 1);
  }

  /** time.Unix(sec, 0) in Local. */
  static GoTime unix(long seconds) {
    return new GoTime(seconds, 0, GoZone.LOCAL, null);
  }

  /** time.Date: a wall time in ZONE (a wall time that does not exist or is ambiguous resolved as Go does, roughly). */
  static GoTime ofWall(int year, int month, int day, int hour, int min, int sec, int nsec, GoZone zone) {
    LocalDateTime wall = LocalDateTime.of(year, month, day, hour, min, sec, nsec);
    long asUtc = wall.toEpochSecond(ZoneOffset.UTC);
    int offset = zone.at(asUtc - zone.at(asUtc).offset()).offset();
    long unix = asUtc - offset;
    int check = zone.at(unix).offset();
    if (check != offset) {
      unix = asUtc - check;
    }
    return new GoTime(unix, nsec, zone, null);
  }

  /** The zero Time (January 1, year 1, 00:00:00 UTC). */
  static GoTime zero() {
    return ofWall(1, 1, 1, 0, 0, 0, 0, GoZone.UTC);
  }

  GoTime in(GoZone z) {
    return new GoTime(epochSecond, nano, z, null);
  }

  LocalDateTime wall() {
    return LocalDateTime.ofEpochSecond(epochSecond, nano, ZoneOffset.ofTotalSeconds(zone.at(epochSecond).offset()));
  }

  String format(String layout) {
    GoZone.At at = zone.at(epochSecond);
    return GoTimeLayout.format(layout, wall(), at.offset(), at.abbreviation());
  }

  /** t.Add(d): keeps the monotonic reading. */
  GoTime plus(long nanos) {
    long total = Math.floorDiv(nanos, 1_000_000_000L) + epochSecond;
    long n = nano + Math.floorMod(nanos, 1_000_000_000L);
    return new GoTime(total + n / 1_000_000_000L, (int) (n % 1_000_000_000L), zone,
        monotonic == null ? null : monotonic + nanos);
  }

  /** t.Sub(u) in nanoseconds, saturating as Go's Duration does. */
  long minus(GoTime u) {
    if (monotonic != null && u.monotonic != null) {
      return monotonic - u.monotonic;
    }
    try {
      return Math.addExact(Math.multiplyExact(epochSecond - u.epochSecond, 1_000_000_000L), (long) nano - u.nano);
    } catch (ArithmeticException e) {
      return epochSecond > u.epochSecond ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }

  boolean isZero() {
    return epochSecond == zero().epochSecond && nano == 0;
  }

  @Override
  public String goType() {
    return "time.Time";
  }

  @Override
  public String kind() {
    return "struct";
  }

  @Override
  public Map<String, GoFunction> methods() {
    return METHODS;
  }

  @Override
  public Object json() {
    return format("2006-01-02T15:04:05.999999999Z07:00");
  }

  /** Time.String, with the monotonic reading when there is one. */
  @Override
  public String toString() {
    String s = format(STRING_LAYOUT);
    if (monotonic != null) {
      long m = monotonic;
      StringBuilder b = new StringBuilder(" m=").append(m < 0 ? '-' : '+');
      m = Math.abs(m);
      b.append(m / 1_000_000_000L).append('.');
      GoTimeLayout.appendInt(b, m % 1_000_000_000L, 9);
      s += b;
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GoTime t && t.epochSecond == epochSecond && t.nano == nano && t.zone.name.equals(zone.name);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(epochSecond) * 31 + nano;
  }

  private static GoTime self(java.util.List<Object> l) {
    return (GoTime) l.get(0);
  }

  /**
   * The time.Time methods a template can call. Month and Weekday are left out: they return Go's
   * named integer types, which print as names but compute as numbers, and no value here has both
   * behaviours; calling them is an error naming the method rather than a different rendering.
   */
  private static Map<String, GoFunction> methodTable() {
    Map<String, GoFunction> m = new LinkedHashMap<>();
    fn(m, "Year", l -> (long) self(l).wall().getYear());
    fn(m, "YearDay", l -> (long) self(l).wall().getDayOfYear());
    fn(m, "Day", l -> (long) self(l).wall().getDayOfMonth());
    fn(m, "Hour", l -> (long) self(l).wall().getHour());
    fn(m, "Minute", l -> (long) self(l).wall().getMinute());
    fn(m, "Second", l -> (long) self(l).wall().getSecond());
    fn(m, "Nanosecond", l -> (long) self(l).nano);
    fn(m, "Unix", l -> self(l).epochSecond);
    fn(m, "UnixMilli", l -> self(l).epochSecond * 1000 + self(l).nano / 1_000_000);
    fn(m, "UnixMicro", l -> self(l).epochSecond * 1_000_000 + self(l).nano / 1000);
    fn(m, "UnixNano", l -> self(l).epochSecond * 1_000_000_000L + self(l).nano);
    fn(m, "IsZero", l -> self(l).isZero());
    fn(m, "String", l -> self(l).toString());
    fn(m, "UTC", l -> self(l).in(GoZone.UTC));
    fn(m, "Local", l -> self(l).in(GoZone.LOCAL));
    fn(m, "Format", l -> self(l).format(str(l, 1)), STRING);
    fn(m, "Add", l -> self(l).plus((Long) l.get(1)), DURATION);
    fn(m, "AddDate", l -> {
      GoTime t = self(l);
      LocalDateTime w = t.wall();
      return t.shiftDate(w.getYear() + (Long) l.get(1), w.getMonthValue() + (Long) l.get(2),
          w.getDayOfMonth() + (Long) l.get(3));
    }, INT, INT, INT);
    fn(m, "Before", l -> self(l).minus((GoTime) l.get(1)) < 0, TIME);
    fn(m, "After", l -> self(l).minus((GoTime) l.get(1)) > 0, TIME);
    fn(m, "Equal", l -> self(l).minus((GoTime) l.get(1)) == 0, TIME);
    return Collections.unmodifiableMap(m);
  }

  /** time.Date's normalisation: month and day overflow carried into the year and month. */
  private GoTime shiftDate(long year, long month, long day) {
    LocalDateTime w = wall();
    LocalDateTime shifted = LocalDateTime.of((int) year, 1, 1, w.getHour(), w.getMinute(), w.getSecond(), w.getNano())
        .plusMonths(month - 1).plusDays(day - 1);
    return ofWall(shifted.getYear(), shifted.getMonthValue(), shifted.getDayOfMonth(), shifted.getHour(),
        shifted.getMinute(), shifted.getSecond(), shifted.getNano(), zone);
  }
}
