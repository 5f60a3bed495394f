package io.kubefile.lang.template;

import io.kubefile.lang.go.GoText;
import java.io.ByteArrayOutputStream;

/** Go's {@code base32.StdEncoding} (RFC 4648 with padding), for sprig's b32enc/b32dec; the JDK has none. */
final class Base32 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  static String encode(byte[] data) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < data.length; i += 5) {
      long buffer = 0;
      int n = Math.min(5, data.length - i);
      for (int j = 0; j < 5; j++) {
        buffer = (buffer << 8) | (j < n ? data[i + j] & 0xFF : 0);
      }
      int chars = (n * 8 + 4) / 5;
      for (int j = 0; j < 8; j++) {
        sb.append(j < chars ? ALPHABET.charAt((int) (buffer >>> (35 - 5 * j)) & 31) : '=');
      }
    }
    return sb.toString();
  }

  /** The decoded text, or Go's error text (sprig returns the error as the result). */
  static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (s.length() % 8 != 0) {
      return "illegal base32 data at input byte " + (s.length() / 8 * 8);
    }
    for (int i = 0; i < s.length(); i += 8) {
      long buffer = 0;
      int chars = 0;
      for (int j = 0; j < 8; j++) {
        char c = s.charAt(i + j);
        int v = ALPHABET.indexOf(c);
        if (c == '=') {
          v = 0;
        } else if (v < 0) {
          return "illegal base32 data at input byte " + (i + j);
        } else {
          chars = j + 1;
        }
        buffer = (buffer << 5) | v;
      }
      int bytes = chars * 5 / 8;
      for (int j = 0; j < bytes; j++) {
        out.write((int) (buffer >>> (32 - 8 * j)) & 0xFF);
      }
    }
    return GoText.decode(out.toByteArray());
  }
}
