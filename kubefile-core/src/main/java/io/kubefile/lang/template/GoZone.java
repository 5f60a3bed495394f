package io.kubefile.lang.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Go's {@code *time.Location}: a name ({@code Local}, {@code UTC}, an IANA name, or a fixed zone's
 * name, possibly empty) with the offsets and abbreviations in effect at each instant. Offsets come
 * from the JDK's rules; abbreviations from the same zone file Go reads ({@link TzFile}), falling
 * back to the JDK's short names where there is no file.
 */
final class GoZone {
  static final Path ZONEINFO = Path.of("/usr/share/zoneinfo");
  static final GoZone UTC = new GoZone("UTC", ZoneOffset.UTC, null, true);
  static final GoZone LOCAL = local();

  /** Offset and abbreviation at one instant. */
  record At(int offset, String abbreviation) {}

  final String name;
  private final ZoneId rules;
  private final TzFile file;
  /** A fixed zone (FixedZone or UTC): the abbreviation is the name itself. */
  private final boolean fixed;

  private GoZone(String name, ZoneId rules, TzFile file, boolean fixed) {
    this.name = name;
    this.rules = rules;
    this.file = file;
    this.fixed = fixed;
  }

  static GoZone fixed(String name, int offsetSeconds) {
    return new GoZone(name, ZoneOffset.ofTotalSeconds(offsetSeconds), null, true);
  }

  /** time.LoadLocation: null when Go would fail ("unknown time zone"). */
  static GoZone load(String name) {
    if (name.isEmpty() || name.equals("UTC")) {
      return UTC;
    }
    if (name.equals("Local")) {
      return LOCAL;
    }
    if (name.startsWith("/") || name.contains("..") || name.contains("\\")) {
      return null;
    }
    TzFile file = TzFile.read(ZONEINFO.resolve(name));
    ZoneId rules;
    try {
      rules = ZoneId.of(name);
    } catch (DateTimeException e) {
      return null;
    }
    if (file == null && !ZoneId.getAvailableZoneIds().contains(name)) {
      return null;
    }
    return new GoZone(name, rules, file, false);
  }

  /** Go's Local: $TZ (unset: /etc/localtime; empty: UTC), always named "Local". */
  private static GoZone local() {
    String tz = System.getenv("TZ");
    Path file = Path.of("/etc/localtime");
    ZoneId rules = ZoneId.systemDefault();
    if (tz != null) {
      if (tz.isEmpty() || tz.equals("UTC")) {
        return new GoZone("Local", ZoneOffset.UTC, null, false);
      }
      String zone = tz.startsWith(":") ? tz.substring(1) : tz;
      file = zone.startsWith("/") ? Path.of(zone) : ZONEINFO.resolve(zone);
      try {
        rules = ZoneId.of(zone);
      } catch (DateTimeException e) {
        return new GoZone("Local", ZoneOffset.UTC, null, false);
      }
    } else {
      try {
        Path target = Files.readSymbolicLink(file).normalize();
        String linked = target.toString();
        int at = linked.indexOf("zoneinfo/");
        if (at >= 0) {
          rules = ZoneId.of(linked.substring(at + "zoneinfo/".length()));
        }
      } catch (Exception e) {
        // not a symlink into zoneinfo: the JDK's default zone describes the same file
      }
    }
    return new GoZone("Local", rules, TzFile.read(file), false);
  }

  At at(long epochSecond) {
    Instant instant = Instant.ofEpochSecond(epochSecond);
    int offset = rules.getRules().getOffset(instant).getTotalSeconds();
    if (fixed) {
      return new At(offset, name);
    }
    if (file != null) {
      boolean dst = rules.getRules().isDaylightSavings(instant);
      TzFile.Type type = file.lookup(epochSecond, dst, offset);
      return new At(type.offset(), type.abbreviation());
    }
    if (rules instanceof ZoneOffset) {
      return new At(offset, "UTC");
    }
    boolean dst = rules.getRules().isDaylightSavings(instant);
    String abbreviation = java.util.TimeZone.getTimeZone(rules).getDisplayName(dst, java.util.TimeZone.SHORT,
        Locale.ROOT);
    return new At(offset, abbreviation == null ? rules.getDisplayName(TextStyle.SHORT, Locale.ROOT) : abbreviation);
  }

  /**
   * Location.lookupName: the offset of the zone type called NAME, preferring one in effect at
   * UNIX - offset; null when this location has no such abbreviation.
   */
  Integer offsetOf(String abbreviation, long unix) {
    if (fixed) {
      return name.equals(abbreviation) ? at(unix).offset() : null;
    }
    if (file == null) {
      At a = at(unix);
      return a.abbreviation().equals(abbreviation) ? a.offset() : null;
    }
    for (TzFile.Type t : file.types()) {
      if (t.abbreviation().equals(abbreviation) && at(unix - t.offset()).abbreviation().equals(abbreviation)) {
        return at(unix - t.offset()).offset();
      }
    }
    for (TzFile.Type t : file.types()) {
      if (t.abbreviation().equals(abbreviation)) {
        return t.offset();
      }
    }
    return null;
  }
}
