package io.kubefile.lang.template;

import io.kubefile.lang.template.GoFunction.Failure;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Go's time layouts: a layout is an example rendering of the reference time {@code Mon Jan 2
 * 15:04:05 MST 2006} ({@code -0700}), and each recognised piece of it ({@code 2006}, {@code Jan},
 * {@code 05.000}, {@code Z07:00}...) stands for that element of the time. A port of Go's {@code
 * nextStdChunk}, {@code Time.Format} and {@code time.Parse}, hand-written because no Java formatter
 * reads Go layouts (translating to DateTimeFormatter patterns loses Go's rules: {@code _2}, {@code
 * .999} trimming, {@code Z07:00} printing {@code Z}, lenient fractional seconds on parse).
 */
final class GoTimeLayout {
  /** The layout elements; the names are Go's constants without the {@code std} prefix. */
  enum Std {
    NONE, LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
    UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
    LONG_YEAR, YEAR, PM, LOWER_PM, TZ, ISO8601_TZ, ISO8601_SECONDS_TZ, ISO8601_SHORT_TZ, ISO8601_COLON_TZ,
    ISO8601_COLON_SECONDS_TZ, NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ,
    FRAC_SECOND0, FRAC_SECOND9
  }

  static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"};
  static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
      "Saturday"};

  /** The numeric zone elements after their '-' or 'Z', longest first, as nextStdChunk tries them. */
  private static final String[] ZONE_PATTERNS = {"070000", "07:00:00", "0700", "07:00", "07"};
  private static final Std[] NUM_ZONES = {Std.NUM_SECONDS_TZ, Std.NUM_COLON_SECONDS_TZ, Std.NUM_TZ, Std.NUM_COLON_TZ,
      Std.NUM_SHORT_TZ};
  private static final Std[] ISO_ZONES = {Std.ISO8601_SECONDS_TZ, Std.ISO8601_COLON_SECONDS_TZ, Std.ISO8601_TZ,
      Std.ISO8601_COLON_TZ, Std.ISO8601_SHORT_TZ};

  /** One step of the layout: literal text before the element, the element, and the rest. */
  record Chunk(String prefix, Std std, int digits, char separator, String element, String suffix) {}

  private GoTimeLayout() {}

  /** nextStdChunk: the first layout element in LAYOUT. */
  static Chunk next(String layout) {
    for (int i = 0; i < layout.length(); i++) {
      char c = layout.charAt(i);
      switch (c) {
        case 'J':
          if (layout.startsWith("January", i)) {
            return chunk(layout, i, 7, Std.LONG_MONTH);
          }
          if (layout.startsWith("Jan", i) && !startsWithLowerCase(layout, i + 3)) {
            return chunk(layout, i, 3, Std.MONTH);
          }
          break;
        case 'M':
          if (layout.startsWith("Mon", i)) {
            if (layout.startsWith("Monday", i)) {
              return chunk(layout, i, 6, Std.LONG_WEEKDAY);
            }
            if (!startsWithLowerCase(layout, i + 3)) {
              return chunk(layout, i, 3, Std.WEEKDAY);
            }
          }
          if (layout.startsWith("MST", i)) {
            return chunk(layout, i, 3, Std.TZ);
          }
          break;
        case '0':
          if (i + 1 < layout.length() && layout.charAt(i + 1) >= '1' && layout.charAt(i + 1) <= '6') {
            Std[] zero = {Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE, Std.ZERO_SECOND, Std.YEAR};
            return chunk(layout, i, 2, zero[layout.charAt(i + 1) - '1']);
          }
          if (layout.startsWith("002", i)) {
            return chunk(layout, i, 3, Std.ZERO_YEAR_DAY);
          }
          break;
        case '1':
          if (layout.startsWith("15", i)) {
            return chunk(layout, i, 2, Std.HOUR);
          }
          return chunk(layout, i, 1, Std.NUM_MONTH);
        case '2':
          if (layout.startsWith("2006", i)) {
            return chunk(layout, i, 4, Std.LONG_YEAR);
          }
          return chunk(layout, i, 1, Std.DAY);
        case '_':
          if (layout.startsWith("_2", i)) {
            if (layout.startsWith("_2006", i)) {
              return new Chunk(layout.substring(0, i + 1), Std.LONG_YEAR, 0, '.', "2006", layout.substring(i + 5));
            }
            return chunk(layout, i, 2, Std.UNDER_DAY);
          }
          if (layout.startsWith("__2", i)) {
            return chunk(layout, i, 3, Std.UNDER_YEAR_DAY);
          }
          break;
        case '3':
          return chunk(layout, i, 1, Std.HOUR12);
        case '4':
          return chunk(layout, i, 1, Std.MINUTE);
        case '5':
          return chunk(layout, i, 1, Std.SECOND);
        case 'P':
          if (layout.startsWith("PM", i)) {
            return chunk(layout, i, 2, Std.PM);
          }
          break;
        case 'p':
          if (layout.startsWith("pm", i)) {
            return chunk(layout, i, 2, Std.LOWER_PM);
          }
          break;
        case '-':
        case 'Z':
          for (int k = 0; k < ZONE_PATTERNS.length; k++) {
            if (layout.startsWith(ZONE_PATTERNS[k], i + 1)) {
              return chunk(layout, i, 1 + ZONE_PATTERNS[k].length(), c == '-' ? NUM_ZONES[k] : ISO_ZONES[k]);
            }
          }
          break;
        case '.':
        case ',':
          if (i + 1 < layout.length() && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
            char digit = layout.charAt(i + 1);
            int j = i + 1;
            while (j < layout.length() && layout.charAt(j) == digit) {
              j++;
            }
            if (!isDigit(layout, j)) {
              Std std = digit == '0' ? Std.FRAC_SECOND0 : Std.FRAC_SECOND9;
              return new Chunk(layout.substring(0, i), std, j - (i + 1), c, layout.substring(i, j), layout.substring(j));
            }
          }
          break;
        default:
          break;
      }
    }
    return new Chunk(layout, Std.NONE, 0, '.', "", "");
  }

  private static Chunk chunk(String layout, int i, int length, Std std) {
    return new Chunk(layout.substring(0, i), std, 0, '.', layout.substring(i, i + length),
        layout.substring(i + length));
  }

  private static boolean startsWithLowerCase(String s, int i) {
    return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
  }

  private static boolean isDigit(String s, int i) {
    return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }

  /** Time.Format: the wall time WALL (nanosecond NANO) at OFFSET seconds east of UTC, zone ABBREVIATION. */
  static String format(String layout, LocalDateTime wall, int offset, String abbreviation) {
    StringBuilder b = new StringBuilder();
    while (!layout.isEmpty()) {
      Chunk c = next(layout);
      b.append(c.prefix());
      if (c.std() == Std.NONE) {
        break;
      }
      layout = c.suffix();
      int year = wall.getYear();
      int hour = wall.getHour();
      switch (c.std()) {
        case YEAR -> appendInt(b, Math.floorMod(year, 100), 2);
        case LONG_YEAR -> appendInt(b, year, 4);
        case MONTH -> b.append(LONG_MONTHS[wall.getMonthValue() - 1], 0, 3);
        case LONG_MONTH -> b.append(LONG_MONTHS[wall.getMonthValue() - 1]);
        case NUM_MONTH -> appendInt(b, wall.getMonthValue(), 0);
        case ZERO_MONTH -> appendInt(b, wall.getMonthValue(), 2);
        case WEEKDAY -> b.append(LONG_DAYS[wall.getDayOfWeek().getValue() % 7], 0, 3);
        case LONG_WEEKDAY -> b.append(LONG_DAYS[wall.getDayOfWeek().getValue() % 7]);
        case DAY -> appendInt(b, wall.getDayOfMonth(), 0);
        case UNDER_DAY -> {
          if (wall.getDayOfMonth() < 10) {
            b.append(' ');
          }
          appendInt(b, wall.getDayOfMonth(), 0);
        }
        case ZERO_DAY -> appendInt(b, wall.getDayOfMonth(), 2);
        case UNDER_YEAR_DAY -> {
          int yday = wall.getDayOfYear();
          b.append(yday < 10 ? "  " : yday < 100 ? " " : "");
          appendInt(b, yday, 0);
        }
        case ZERO_YEAR_DAY -> appendInt(b, wall.getDayOfYear(), 3);
        case HOUR -> appendInt(b, hour, 2);
        case HOUR12 -> appendInt(b, hour % 12 == 0 ? 12 : hour % 12, 0);
        case ZERO_HOUR12 -> appendInt(b, hour % 12 == 0 ? 12 : hour % 12, 2);
        case MINUTE -> appendInt(b, wall.getMinute(), 0);
        case ZERO_MINUTE -> appendInt(b, wall.getMinute(), 2);
        case SECOND -> appendInt(b, wall.getSecond(), 0);
        case ZERO_SECOND -> appendInt(b, wall.getSecond(), 2);
        case PM -> b.append(hour >= 12 ? "PM" : "AM");
        case LOWER_PM -> b.append(hour >= 12 ? "pm" : "am");
        case ISO8601_TZ, ISO8601_COLON_TZ, ISO8601_SECONDS_TZ, ISO8601_SHORT_TZ, ISO8601_COLON_SECONDS_TZ,
            NUM_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_SECONDS_TZ -> appendOffset(b, c.std(), offset);
        case TZ -> {
          if (!abbreviation.isEmpty()) {
            b.append(abbreviation);
          } else {
            int zone = offset / 60;
            b.append(zone < 0 ? '-' : '+');
            zone = Math.abs(zone);
            appendInt(b, zone / 60, 2);
            appendInt(b, zone % 60, 2);
          }
        }
        case FRAC_SECOND0, FRAC_SECOND9 -> appendNano(b, wall.getNano(), c);
        default -> throw new IllegalStateException(c.std().name());
      }
    }
    return b.toString();
  }

  private static void appendOffset(StringBuilder b, Std std, int offset) {
    boolean iso = std.name().startsWith("ISO8601");
    if (iso && offset == 0) {
      b.append('Z');
      return;
    }
    int zone = offset / 60;
    int abs = offset;
    if (zone < 0) {
      b.append('-');
      zone = -zone;
      abs = -abs;
    } else {
      b.append('+');
    }
    appendInt(b, zone / 60, 2);
    boolean colon = std.name().contains("COLON");
    if (colon) {
      b.append(':');
    }
    if (std != Std.NUM_SHORT_TZ && std != Std.ISO8601_SHORT_TZ) {
      appendInt(b, zone % 60, 2);
    }
    if (std.name().contains("SECONDS")) {
      if (colon) {
        b.append(':');
      }
      appendInt(b, abs % 60, 2);
    }
  }

  private static void appendNano(StringBuilder b, int nanos, Chunk c) {
    boolean trim = c.std() == Std.FRAC_SECOND9;
    int n = c.digits();
    if (trim && (n == 0 || nanos == 0)) {
      return;
    }
    StringBuilder frac = new StringBuilder();
    appendInt(frac, nanos, 9);
    if (n < 9) {
      frac.setLength(n);
    }
    if (trim) {
      int end = frac.length();
      while (end > 0 && frac.charAt(end - 1) == '0') {
        end--;
      }
      frac.setLength(end);
      if (end == 0) {
        return;
      }
    }
    b.append(c.separator()).append(frac);
  }

  /** Go's appendInt: X in decimal, zero-padded to WIDTH digits, a minus sign before the padding. */
  static void appendInt(StringBuilder b, long x, int width) {
    if (x < 0) {
      b.append('-');
      x = -x;
    }
    String digits = Long.toString(x);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    b.append(digits);
  }

  /** The fields time.Parse read, before they become a time. */
  private static final class Fields {
    int year;
    int month = -1;
    int day = -1;
    int yday = -1;
    int hour;
    int min;
    int sec;
    int nsec;
    boolean amSet;
    boolean pmSet;
    GoZone zone;
    int zoneOffset = -1;
    boolean zoneOffsetSet;
    String zoneName = "";
  }

  /** A parse failure: Go's ParseError text. */
  private static Failure parseError(String layout, String value, String layoutElem, String valueElem, String message) {
    if (message.isEmpty()) {
      return new Failure("parsing time " + GoFormat.quote(value) + " as " + GoFormat.quote(layout) + ": cannot parse "
          + GoFormat.quote(valueElem) + " as " + GoFormat.quote(layoutElem));
    }
    return new Failure("parsing time " + GoFormat.quote(value) + message);
  }

  /** time.ParseInLocation(LAYOUT, VALUE, LOCAL). */
  static GoTime parse(String layout, String value, GoZone local) {
    String alayout = layout;
    String avalue = value;
    Fields f = new Fields();
    while (true) {
      Chunk c = next(layout);
      String stdstr = c.element();
      String afterPrefix = skip(value, c.prefix());
      if (afterPrefix == null) {
        throw parseError(alayout, avalue, c.prefix(), value, "");
      }
      value = afterPrefix;
      if (c.std() == Std.NONE) {
        if (!value.isEmpty()) {
          throw parseError(alayout, avalue, "", value, ": extra text: " + GoFormat.quote(value));
        }
        break;
      }
      layout = c.suffix();
      String hold = value;
      String[] range = {""};
      String rest = element(c, value, layout, f, range);
      if (!range[0].isEmpty()) {
        throw parseError(alayout, avalue, stdstr, rest == null ? value : rest, ": " + range[0] + " out of range");
      }
      if (rest == null) {
        throw parseError(alayout, avalue, stdstr, hold, "");
      }
      value = rest;
    }
    if (f.pmSet && f.hour < 12) {
      f.hour += 12;
    } else if (f.amSet && f.hour == 12) {
      f.hour = 0;
    }
    boolean leap = java.time.Year.isLeap(f.year);
    if (f.yday >= 0) {
      int d = 0;
      int m = 0;
      int yday = f.yday;
      if (leap) {
        if (yday == 31 + 29) {
          m = 2;
          d = 29;
        } else if (yday > 31 + 29) {
          yday--;
        }
      }
      if (yday < 1 || yday > 365) {
        throw parseError(alayout, avalue, "", value, ": day-of-year out of range");
      }
      if (m == 0) {
        int[] before = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
        m = (yday - 1) / 31 + 1;
        if (before[m] < yday) {
          m++;
        }
        d = yday - before[m - 1];
      }
      if (f.month >= 0 && f.month != m) {
        throw parseError(alayout, avalue, "", value, ": day-of-year does not match month");
      }
      f.month = m;
      if (f.day >= 0 && f.day != d) {
        throw parseError(alayout, avalue, "", value, ": day-of-year does not match day");
      }
      f.day = d;
    } else {
      if (f.month < 0) {
        f.month = 1;
      }
      if (f.day < 0) {
        f.day = 1;
      }
    }
    if (f.day < 1 || f.day > java.time.YearMonth.of(f.year, f.month).lengthOfMonth()) {
      throw parseError(alayout, avalue, "", value, ": day out of range");
    }
    if (f.zone != null) {
      return GoTime.ofWall(f.year, f.month, f.day, f.hour, f.min, f.sec, f.nsec, f.zone);
    }
    if (f.zoneOffsetSet) {
      long utc = GoTime.ofWall(f.year, f.month, f.day, f.hour, f.min, f.sec, f.nsec, GoZone.UTC).epochSecond
          - f.zoneOffset;
      GoZone.At at = local.at(utc);
      if (at.offset() == f.zoneOffset && (f.zoneName.isEmpty() || at.abbreviation().equals(f.zoneName))) {
        return new GoTime(utc, f.nsec, local, null);
      }
      return new GoTime(utc, f.nsec, GoZone.fixed(f.zoneName, f.zoneOffset), null);
    }
    if (!f.zoneName.isEmpty()) {
      long utc = GoTime.ofWall(f.year, f.month, f.day, f.hour, f.min, f.sec, f.nsec, GoZone.UTC).epochSecond;
      Integer offset = local.offsetOf(f.zoneName, utc);
      if (offset != null) {
        return new GoTime(utc - offset, f.nsec, local, null);
      }
      int fake = 0;
      if (f.zoneName.length() > 3 && f.zoneName.startsWith("GMT")) {
        fake = Integer.parseInt(f.zoneName.substring(3).replace("+", "")) * 3600;
      }
      return new GoTime(utc, f.nsec, GoZone.fixed(f.zoneName, fake), null);
    }
    return GoTime.ofWall(f.year, f.month, f.day, f.hour, f.min, f.sec, f.nsec, local);
  }

  /** One element of time.Parse's loop: the value after it, or null for errBad; RANGE[0] names a field out of range. */
  private static String element(Chunk c, String value, String layoutRest, Fields f, String[] range) {
    switch (c.std()) {
      case YEAR: {
        if (value.length() < 2 || !isDigit(value, 0) || !isDigit(value, 1)) {
          return null;
        }
        int y = Integer.parseInt(value.substring(0, 2));
        f.year = y >= 69 ? y + 1900 : y + 2000;
        return value.substring(2);
      }
      case LONG_YEAR: {
        if (value.length() < 4 || !value.substring(0, 4).chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
          return null;
        }
        f.year = Integer.parseInt(value.substring(0, 4));
        return value.substring(4);
      }
      case MONTH:
      case LONG_MONTH: {
        int[] idx = {0};
        String rest = lookup(value, LONG_MONTHS, c.std() == Std.MONTH, idx);
        f.month = idx[0] + 1;
        return rest;
      }
      case NUM_MONTH:
      case ZERO_MONTH: {
        int[] n = {0};
        String rest = getnum(value, c.std() == Std.ZERO_MONTH, n);
        f.month = n[0];
        if (rest != null && (n[0] <= 0 || n[0] > 12)) {
          range[0] = "month";
        }
        return rest;
      }
      case WEEKDAY:
      case LONG_WEEKDAY:
        return lookup(value, LONG_DAYS, c.std() == Std.WEEKDAY, new int[1]);
      case DAY:
      case UNDER_DAY:
      case ZERO_DAY: {
        if (c.std() == Std.UNDER_DAY && value.startsWith(" ")) {
          value = value.substring(1);
        }
        int[] n = {0};
        String rest = getnum(value, c.std() == Std.ZERO_DAY, n);
        f.day = n[0];
        return rest;
      }
      case UNDER_YEAR_DAY:
      case ZERO_YEAR_DAY: {
        for (int i = 0; i < 2; i++) {
          if (c.std() == Std.UNDER_YEAR_DAY && value.startsWith(" ")) {
            value = value.substring(1);
          }
        }
        int len = 0;
        while (len < 3 && isDigit(value, len)) {
          len++;
        }
        if (len == 0 || (c.std() == Std.ZERO_YEAR_DAY && len != 3)) {
          return null;
        }
        f.yday = Integer.parseInt(value.substring(0, len));
        return value.substring(len);
      }
      case HOUR:
      case HOUR12:
      case ZERO_HOUR12: {
        int[] n = {0};
        String rest = getnum(value, c.std() == Std.ZERO_HOUR12, n);
        f.hour = n[0];
        if (n[0] < 0 || n[0] >= (c.std() == Std.HOUR ? 24 : 13)) {
          range[0] = "hour";
        }
        return rest;
      }
      case MINUTE:
      case ZERO_MINUTE: {
        int[] n = {0};
        String rest = getnum(value, c.std() == Std.ZERO_MINUTE, n);
        f.min = n[0];
        if (n[0] >= 60) {
          range[0] = "minute";
        }
        return rest;
      }
      case SECOND:
      case ZERO_SECOND: {
        int[] n = {0};
        String rest = getnum(value, c.std() == Std.ZERO_SECOND, n);
        if (rest == null) {
          return null;
        }
        f.sec = n[0];
        if (n[0] >= 60) {
          range[0] = "second";
          return rest;
        }
        if (rest.length() >= 2 && (rest.charAt(0) == '.' || rest.charAt(0) == ',') && isDigit(rest, 1)) {
          Std following = next(layoutRest).std();
          if (following == Std.FRAC_SECOND0 || following == Std.FRAC_SECOND9) {
            return rest;
          }
          int k = 2;
          while (k < rest.length() && isDigit(rest, k)) {
            k++;
          }
          f.nsec = nanoseconds(rest, k);
          return rest.substring(k);
        }
        return rest;
      }
      case PM:
      case LOWER_PM: {
        if (value.length() < 2) {
          return null;
        }
        String p = value.substring(0, 2);
        boolean upper = c.std() == Std.PM;
        if (p.equals(upper ? "PM" : "pm")) {
          f.pmSet = true;
        } else if (p.equals(upper ? "AM" : "am")) {
          f.amSet = true;
        } else {
          return null;
        }
        return value.substring(2);
      }
      case ISO8601_TZ, ISO8601_SHORT_TZ, ISO8601_COLON_TZ, ISO8601_SECONDS_TZ, ISO8601_COLON_SECONDS_TZ,
          NUM_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ:
        if (c.std().name().startsWith("ISO8601") && value.startsWith("Z")) {
          f.zone = GoZone.UTC;
          return value.substring(1);
        }
        return numericZone(c.std(), value, f, range);
      case TZ: {
        if (value.startsWith("UTC")) {
          f.zone = GoZone.UTC;
          return value.substring(3);
        }
        int n = timeZoneLength(value);
        if (n == 0) {
          return null;
        }
        f.zoneName = value.substring(0, n);
        return value.substring(n);
      }
      case FRAC_SECOND0: {
        int ndigit = 1 + c.digits();
        if (value.length() < ndigit) {
          return null;
        }
        if (value.charAt(0) != '.' && value.charAt(0) != ',') {
          return null;
        }
        for (int i = 1; i < ndigit; i++) {
          if (!isDigit(value, i)) {
            return null;
          }
        }
        f.nsec = nanoseconds(value, ndigit);
        return value.substring(ndigit);
      }
      case FRAC_SECOND9: {
        if (value.length() < 2 || (value.charAt(0) != '.' && value.charAt(0) != ',') || !isDigit(value, 1)) {
          return value;
        }
        int i = 0;
        while (i + 1 < value.length() && isDigit(value, i + 1)) {
          i++;
        }
        f.nsec = nanoseconds(value, 1 + i);
        return value.substring(1 + i);
      }
      default:
        throw new IllegalStateException(c.std().name());
    }
  }

  private static String numericZone(Std std, String value, Fields f, String[] range) {
    String sign;
    String hh;
    String mm = "00";
    String ss = "00";
    String rest;
    if (std == Std.ISO8601_COLON_TZ || std == Std.NUM_COLON_TZ) {
      if (value.length() < 6 || value.charAt(3) != ':') {
        return null;
      }
      sign = value.substring(0, 1);
      hh = value.substring(1, 3);
      mm = value.substring(4, 6);
      rest = value.substring(6);
    } else if (std == Std.NUM_SHORT_TZ || std == Std.ISO8601_SHORT_TZ) {
      if (value.length() < 3) {
        return null;
      }
      sign = value.substring(0, 1);
      hh = value.substring(1, 3);
      rest = value.substring(3);
    } else if (std == Std.ISO8601_COLON_SECONDS_TZ || std == Std.NUM_COLON_SECONDS_TZ) {
      if (value.length() < 9 || value.charAt(3) != ':' || value.charAt(6) != ':') {
        return null;
      }
      sign = value.substring(0, 1);
      hh = value.substring(1, 3);
      mm = value.substring(4, 6);
      ss = value.substring(7, 9);
      rest = value.substring(9);
    } else if (std == Std.ISO8601_SECONDS_TZ || std == Std.NUM_SECONDS_TZ) {
      if (value.length() < 7) {
        return null;
      }
      sign = value.substring(0, 1);
      hh = value.substring(1, 3);
      mm = value.substring(3, 5);
      ss = value.substring(5, 7);
      rest = value.substring(7);
    } else {
      if (value.length() < 5) {
        return null;
      }
      sign = value.substring(0, 1);
      hh = value.substring(1, 3);
      mm = value.substring(3, 5);
      rest = value.substring(5);
    }
    int[] h = {0};
    int[] m = {0};
    int[] s = {0};
    if (getnum(hh, true, h) == null || getnum(mm, true, m) == null || getnum(ss, true, s) == null) {
      return null;
    }
    if (h[0] > 24) {
      range[0] = "time zone offset hour";
    }
    if (m[0] > 60) {
      range[0] = "time zone offset minute";
    }
    if (s[0] > 60) {
      range[0] = "time zone offset second";
    }
    int offset = (h[0] * 60 + m[0]) * 60 + s[0];
    switch (sign) {
      case "+" -> f.zoneOffset = offset;
      case "-" -> f.zoneOffset = -offset;
      default -> {
        return null;
      }
    }
    f.zoneOffsetSet = true;
    return rest;
  }

  /** parseTimeZone: the length of a time-zone abbreviation at the start of VALUE, 0 if none. */
  private static int timeZoneLength(String value) {
    if (value.length() < 3) {
      return 0;
    }
    if (value.length() >= 4 && (value.startsWith("ChST") || value.startsWith("MeST"))) {
      return 4;
    }
    if (value.startsWith("GMT")) {
      return 3 + signedOffsetLength(value.substring(3));
    }
    if (value.charAt(0) == '+' || value.charAt(0) == '-') {
      return signedOffsetLength(value);
    }
    int upper = 0;
    while (upper < 6 && upper < value.length() && value.charAt(upper) >= 'A' && value.charAt(upper) <= 'Z') {
      upper++;
    }
    return switch (upper) {
      case 3 -> 3;
      case 4 -> value.charAt(3) == 'T' || value.startsWith("WITA") ? 4 : 0;
      case 5 -> value.charAt(4) == 'T' ? 5 : 0;
      default -> 0;
    };
  }

  private static int signedOffsetLength(String value) {
    if (value.isEmpty() || (value.charAt(0) != '+' && value.charAt(0) != '-')) {
      return 0;
    }
    int end = 1;
    while (end < value.length() && isDigit(value, end)) {
      end++;
    }
    if (end == 1 || end - 1 > 18 || Long.parseLong(value.substring(1, end)) > 12) {
      return 0;
    }
    return end;
  }

  /** skip: LITERAL at the start of VALUE (a space matches any run of spaces); null when it does not match. */
  private static String skip(String value, String literal) {
    while (!literal.isEmpty()) {
      if (literal.charAt(0) == ' ') {
        if (!value.isEmpty() && value.charAt(0) != ' ') {
          return null;
        }
        literal = literal.stripLeading();
        value = value.replaceFirst("^ +", "");
        continue;
      }
      if (value.isEmpty() || value.charAt(0) != literal.charAt(0)) {
        return null;
      }
      literal = literal.substring(1);
      value = value.substring(1);
    }
    return value;
  }

  /** lookup: a (case-insensitive) month or day name at the start of VALUE; SHORT for its first three letters. */
  private static String lookup(String value, String[] names, boolean shortNames, int[] index) {
    for (int i = 0; i < names.length; i++) {
      String name = shortNames ? names[i].substring(0, 3) : names[i];
      if (value.length() >= name.length() && value.substring(0, name.length()).equalsIgnoreCase(name)) {
        index[0] = i;
        return value.substring(name.length());
      }
    }
    return null;
  }

  /** getnum: one or two digits (exactly two when FIXED). */
  private static String getnum(String s, boolean fixed, int[] out) {
    if (!isDigit(s, 0)) {
      return null;
    }
    if (!isDigit(s, 1)) {
      if (fixed) {
        return null;
      }
      out[0] = s.charAt(0) - '0';
      return s.substring(1);
    }
    out[0] = (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
    return s.substring(2);
  }

  /** parseNanoseconds: the separator and digits in VALUE[0:N] as nanoseconds (beyond nine digits ignored). */
  private static int nanoseconds(String value, int n) {
    if (n > 10) {
      n = 10;
    }
    int ns = Integer.parseInt(value.substring(1, n));
    for (int i = 0; i < 10 - n; i++) {
      ns *= 10;
    }
    return ns;
  }

  /** The offset of a wall time as a java.time offset (for LocalDateTime arithmetic). */
  static ZoneOffset offset(int seconds) {
    return ZoneOffset.ofTotalSeconds(seconds);
  }
}
