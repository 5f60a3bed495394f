package io.kubefile.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:e3b0…}, validated as the OCI image spec requires. */
public final class Digest implements Comparable<Digest> {
  private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");
  private static final Pattern GENERIC =
      Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  private final String algorithm;
  private final String hex;

  private Digest(String algorithm, String hex) {
    this.algorithm = algorithm;
    this.hex = hex;
  }

  /** Parses {@code algorithm:hex}; throws {@link IllegalArgumentException} naming the input. */
  @JsonCreator
  public static Digest parse(String text) {
    if (text == null || !GENERIC.matcher(text).matches()) {
      throw new IllegalArgumentException("invalid digest \"" + text + "\"");
    }
    int colon = text.indexOf(':');
    String algorithm = text.substring(0, colon);
    String hex = text.substring(colon + 1);
    if (algorithm.equals("sha256") && !SHA256_HEX.matcher(hex).matches()
        || algorithm.equals("sha512") && !SHA512_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("invalid " + algorithm + " digest \"" + text + "\"");
    }
    return new Digest(algorithm, hex);
  }

  public static Digest sha256Hex(String hex) {
    return parse("sha256:" + hex);
  }

  public static Digest sha256(byte[] content) {
    return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(content)));
  }

  public static Digest ofSha256(MessageDigest finished) {
    return new Digest("sha256", HexFormat.of().formatHex(finished.digest()));
  }

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }

  public String algorithm() {
    return algorithm;
  }

  public String hex() {
    return hex;
  }

  /** The first 12 hex digits: the short image ID users see. */
  public String shortHex() {
    return hex.substring(0, Math.min(12, hex.length()));
  }

  @JsonValue
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest d && d.algorithm.equals(algorithm) && d.hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, hex);
  }

  @Override
  public int compareTo(Digest o) {
    return toString().compareTo(o.toString());
  }
}
