package io.kubefile.context;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code path/filepath.Match} on Linux: {@code *} (any run of non-{@code /} bytes), {@code ?} (one
 * non-{@code /} character), {@code [...]} / {@code [^...]} classes with ranges, and {@code \} escapes. The
 * whole name must match. No Java library has these exact rules (Java's glob {@code PathMatcher} has
 * {@code **}, braces and {@code !} negation, and validates differently), so this is a port.
 *
 * <p>Like Go it works on UTF-8 bytes: {@code *} may skip part of a multi-byte character, and a malformed
 * pattern is reported even when the name fails to match early.
 */
public final class GoFilepathMatch {
  private GoFilepathMatch() {}

  private static final int RUNE_ERROR = 0xFFFD;

  /**
   * Whether {@code name} matches {@code pattern}.
   *
   * @throws BadPatternException ("syntax error in pattern") when the pattern is malformed
   */
  public static boolean matches(String pattern, String name) {
    return match(utf8(pattern), 0, utf8(name));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A chunk: a run of non-star terms, possibly preceded by stars. */
  private record Chunk(boolean star, int start, int end) {}

  private static boolean match(byte[] pattern, int p, byte[] name) {
    int n = 0;
    nextChunk:
    while (p < pattern.length) {
      Chunk chunk = scanChunk(pattern, p);
      p = chunk.end;
      if (chunk.star && chunk.start == chunk.end) {
        // A trailing star matches the rest unless it contains a separator.
        return indexOf(name, n, (byte) '/') < 0;
      }
      int rest = matchChunk(pattern, chunk.start, chunk.end, name, n);
      if (rest >= 0 && (rest == name.length || p < pattern.length)) {
        n = rest;
        continue;
      }
      if (chunk.star) {
        // Let the star absorb i+1 more bytes, never a separator.
        for (int i = n; i < name.length && name[i] != '/'; i++) {
          int r = matchChunk(pattern, chunk.start, chunk.end, name, i + 1);
          if (r >= 0) {
            if (p == pattern.length && r < name.length) {
              continue; // the last chunk must consume the whole name
            }
            n = r;
            continue nextChunk;
          }
        }
      }
      // No match; still report a malformed remainder like Go does.
      while (p < pattern.length) {
        Chunk next = scanChunk(pattern, p);
        p = next.end;
        matchChunk(pattern, next.start, next.end, name, name.length);
      }
      return false;
    }
    return n == name.length;
  }

  private static int indexOf(byte[] bytes, int from, byte b) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static Chunk scanChunk(byte[] pattern, int p) {
    boolean star = false;
    while (p < pattern.length && pattern[p] == '*') {
      p++;
      star = true;
    }
    int start = p;
    boolean inRange = false;
    int i = p;
    scan:
    for (; i < pattern.length; i++) {
      switch (pattern[i]) {
        case '\\' -> {
          if (i + 1 < pattern.length) {
            i++; // an escape at the very end is reported by matchChunk
          }
        }
        case '[' -> inRange = true;
        case ']' -> inRange = false;
        case '*' -> {
          if (!inRange) {
            break scan;
          }
        }
        default -> {}
      }
    }
    return new Chunk(star, start, i);
  }

  /**
   * Matches pattern bytes [c, end) against the start of name[s..]. Returns the index after the match,
   * or -1. After a mismatch it keeps parsing the chunk so that syntax errors are always reported.
   */
  private static int matchChunk(byte[] pattern, int c, int end, byte[] name, int s) {
    boolean failed = false;
    while (c < end) {
      failed = failed || s == name.length;
      switch (pattern[c]) {
        case '[' -> {
          int r = 0;
          if (!failed) {
            long decoded = decodeRune(name, s);
            r = (int) decoded;
            s += (int) (decoded >>> 32);
          }
          c++;
          boolean negated = c < end && pattern[c] == '^';
          if (negated) {
            c++;
          }
          boolean matched = false;
          int ranges = 0;
          while (true) {
            if (c < end && pattern[c] == ']' && ranges > 0) {
              c++;
              break;
            }
            long lo = classChar(pattern, c, end);
            c = (int) (lo >>> 32);
            int hi = (int) lo;
            if (pattern[c] == '-') {
              long h = classChar(pattern, c + 1, end);
              c = (int) (h >>> 32);
              hi = (int) h;
            }
            if ((int) lo <= r && r <= hi) {
              matched = true;
            }
            ranges++;
          }
          failed = failed || matched == negated;
        }
        case '?' -> {
          if (!failed) {
            failed = name[s] == '/';
            s += (int) (decodeRune(name, s) >>> 32);
          }
          c++;
        }
        default -> {
          if (pattern[c] == '\\') {
            c++;
            if (c == end) {
              throw BadPatternException.syntaxError();
            }
          }
          if (!failed) {
            failed = pattern[c] != name[s];
            s++;
          }
          c++;
        }
      }
    }
    return failed ? -1 : s;
  }

  /**
   * Go's {@code getEsc}: a possibly escaped class character at pattern[c]. Returns (next index << 32 |
   * rune). Fails on an empty, {@code -} or {@code ]} character, on invalid UTF-8, and when the class
   * ends right after it.
   */
  private static long classChar(byte[] pattern, int c, int end) {
    if (c >= end || pattern[c] == '-' || pattern[c] == ']') {
      throw BadPatternException.syntaxError();
    }
    if (pattern[c] == '\\') {
      c++;
      if (c >= end) {
        throw BadPatternException.syntaxError();
      }
    }
    long decoded = decodeRuneIn(pattern, c, end);
    int rune = (int) decoded;
    int width = (int) (decoded >>> 32);
    if (rune == RUNE_ERROR && width == 1) {
      throw BadPatternException.syntaxError();
    }
    int next = c + width;
    if (next >= end) {
      throw BadPatternException.syntaxError();
    }
    return ((long) next << 32) | (rune & 0xFFFFFFFFL);
  }

  private static long decodeRune(byte[] bytes, int at) {
    return decodeRuneIn(bytes, at, bytes.length);
  }

  /** Go {@code utf8.DecodeRune}: (width << 32 | rune), with (1, U+FFFD) for invalid input. */
  private static long decodeRuneIn(byte[] b, int at, int end) {
    int b0 = b[at] & 0xFF;
    if (b0 < 0x80) {
      return (1L << 32) | b0;
    }
    int need;
    int min;
    int cp;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      need = 1;
      min = 0x80;
      cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      need = 2;
      min = 0x800;
      cp = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      need = 3;
      min = 0x10000;
      cp = b0 & 0x07;
    } else {
      return (1L << 32) | RUNE_ERROR;
    }
    if (at + need >= end) {
      return (1L << 32) | RUNE_ERROR; // truncated sequence
    }
    for (int k = 1; k <= need; k++) {
      int bk = b[at + k] & 0xFF;
      if ((bk & 0xC0) != 0x80) {
        return (1L << 32) | RUNE_ERROR;
      }
      cp = (cp << 6) | (bk & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return (1L << 32) | RUNE_ERROR;
    }
    return ((long) (need + 1) << 32) | cp;
  }
}
