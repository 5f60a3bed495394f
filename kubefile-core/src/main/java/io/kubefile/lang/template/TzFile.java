package io.kubefile.lang.template;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled time-zone file (TZif, RFC 8536) as Go's time package reads it from {@code
 * /usr/share/zoneinfo}. Hand-written because the JDK exposes offsets but not the abbreviations
 * ({@code EST}, {@code CEST}, {@code +03}) that Go prints for the layout element {@code MST}; those
 * come only from the zone file, so reading the same file as Go gives the same text.
 */
final class TzFile {
  /** One local-time type: UTC offset in seconds, daylight saving or not, abbreviation. */
  record Type(int offset, boolean dst, String abbreviation) {}

  private final long[] transitions;
  private final int[] typeIndex;
  private final List<Type> types;
  /** The footer's standard and daylight abbreviations, for times after the last transition. */
  private final String footerStd;
  private final String footerDst;
  private final int footerStdOffset;

  private TzFile(long[] transitions, int[] typeIndex, List<Type> types, String footer) {
    this.transitions = transitions;
    this.typeIndex = typeIndex;
    this.types = types;
    String[] names = footerNames(footer);
    this.footerStd = names[0];
    this.footerDst = names[1];
    this.footerStdOffset = footerStdOffset(footer, names[0]);
  }

  /** The file, or null when it is missing or not a TZif file. */
  static TzFile read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
      if (b.remaining() < 44 || b.getInt(0) != 0x545a6966) {
        return null;
      }
      int version = b.get(4);
      int[] counts = counts(b, 20);
      int timeSize = 4;
      int start = 44;
      if (version >= '2') {
        start = 44 + counts[3] * 5 + counts[4] * 6 + counts[5] + counts[2] * 8 + counts[1] + counts[0];
        counts = counts(b, start + 20);
        start += 44;
        timeSize = 8;
      }
      int timecnt = counts[3];
      int typecnt = counts[4];
      int charcnt = counts[5];
      long[] transitions = new long[timecnt];
      b.position(start);
      for (int i = 0; i < timecnt; i++) {
        transitions[i] = timeSize == 8 ? b.getLong() : b.getInt();
      }
      int[] typeIndex = new int[timecnt];
      for (int i = 0; i < timecnt; i++) {
        typeIndex[i] = b.get() & 0xff;
      }
      int[][] raw = new int[typecnt][3];
      for (int i = 0; i < typecnt; i++) {
        raw[i][0] = b.getInt();
        raw[i][1] = b.get();
        raw[i][2] = b.get() & 0xff;
      }
      byte[] chars = new byte[charcnt];
      b.get(chars);
      List<Type> types = new ArrayList<>();
      for (int[] t : raw) {
        int end = t[2];
        while (end < chars.length && chars[end] != 0) {
          end++;
        }
        types.add(new Type(t[0], t[1] != 0, new String(chars, t[2], end - t[2], StandardCharsets.US_ASCII)));
      }
      String footer = "";
      if (version >= '2') {
        b.position(b.position() + counts[2] * 12 + counts[1] + counts[0]);
        byte[] rest = new byte[b.remaining()];
        b.get(rest);
        footer = new String(rest, StandardCharsets.US_ASCII).trim();
      }
      return new TzFile(transitions, typeIndex, types, footer);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static int[] counts(ByteBuffer b, int at) {
    int[] c = new int[6];
    for (int i = 0; i < 6; i++) {
      c[i] = b.getInt(at + 4 * i);
    }
    return c;
  }

  /** The local-time type in effect at UNIX second T; DST_NOW decides within the footer's rule. */
  Type lookup(long t, boolean dstNow, int offsetNow) {
    if (transitions.length == 0 || t >= transitions[transitions.length - 1]) {
      if (!footerStd.isEmpty()) {
        String name = dstNow && !footerDst.isEmpty() ? footerDst : footerStd;
        return new Type(offsetNow, dstNow, name);
      }
      if (transitions.length == 0) {
        return types.isEmpty() ? new Type(0, false, "UTC") : types.get(0);
      }
    }
    if (t < transitions[0]) {
      return types.get(0);
    }
    int i = Arrays.binarySearch(transitions, t);
    if (i < 0) {
      i = -i - 2;
    }
    return types.get(typeIndex[i]);
  }

  /** Every type, for parsing an abbreviation back to an offset. */
  List<Type> types() {
    List<Type> all = new ArrayList<>(types);
    if (!footerStd.isEmpty()) {
      all.add(new Type(footerStdOffset, false, footerStd));
    }
    return all;
  }

  /** The abbreviations of a POSIX TZ string such as {@code EST5EDT,M3.2.0,M11.1.0} or {@code <+03>-3}. */
  private static String[] footerNames(String footer) {
    String[] out = {"", ""};
    int i = 0;
    for (int n = 0; n < 2 && i < footer.length(); n++) {
      int start = i;
      String name;
      if (footer.charAt(i) == '<') {
        int close = footer.indexOf('>', i);
        if (close < 0) {
          return out;
        }
        name = footer.substring(i + 1, close);
        i = close + 1;
      } else {
        while (i < footer.length() && Character.isLetter(footer.charAt(i))) {
          i++;
        }
        name = footer.substring(start, i);
      }
      out[n] = name;
      while (i < footer.length() && "+-0123456789:".indexOf(footer.charAt(i)) >= 0) {
        i++;
      }
      if (i >= footer.length() || footer.charAt(i) == ',') {
        break;
      }
    }
    return out;
  }

  private static int footerStdOffset(String footer, String std) {
    int i = footer.indexOf(std) + std.length() + (footer.startsWith("<") ? 1 : 0);
    int end = i;
    while (end < footer.length() && "+-0123456789:".indexOf(footer.charAt(end)) >= 0) {
      end++;
    }
    try {
      String text = footer.substring(i, end);
      int sign = text.startsWith("-") ? 1 : -1;
      String[] hms = text.replaceFirst("^[+-]", "").split(":");
      int seconds = 0;
      for (int k = 0; k < hms.length; k++) {
        seconds += Integer.parseInt(hms[k]) * (k == 0 ? 3600 : k == 1 ? 60 : 1);
      }
      return sign * seconds;
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
