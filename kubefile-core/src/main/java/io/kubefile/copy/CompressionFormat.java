package io.kubefile.copy;

import io.kubefile.InvalidValueException;
import java.util.Locale;

/**
 * How layers are compressed on push, as podman's and buildah's {@code --compression-format}: gzip
 * (the default there and here), or none to send the stored uncompressed tars as they are.
 */
public enum CompressionFormat {
  GZIP,
  NONE;

  public static CompressionFormat parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "gzip" -> GZIP;
      case "none", "uncompressed" -> NONE;
      default -> throw new InvalidValueException(
          "unsupported compression format \"" + text + "\": use gzip or none");
    };
  }
}
