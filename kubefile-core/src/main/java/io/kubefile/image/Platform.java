package io.kubefile.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** An OCI platform: {@code os/architecture[/variant]}, normalized as containerd does. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Platform(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("variant") String variant) {

  /** Parses {@code os/arch[/variant]}; errors name the text. */
  public static Platform parse(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "invalid platform \"" + text + "\": expected os/arch[/variant]");
    }
    String arch = normalizeArch(parts[1]);
    String variant = parts.length == 3 && !parts[2].isEmpty() ? parts[2] : null;
    if (arch.equals("arm64") && "v8".equals(variant)) {
      variant = null;
    }
    return new Platform(arch, parts[0], variant);
  }

  /** The platform of this machine, always with os {@code linux}: cluster images run on Linux. */
  public static Platform host() {
    return new Platform(normalizeArch(System.getProperty("os.arch")), "linux", null);
  }

  static String normalizeArch(String arch) {
    return switch (arch.toLowerCase(Locale.ROOT)) {
      case "x86_64", "x86-64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "i386", "i686", "x86", "386" -> "386";
      default -> arch.toLowerCase(Locale.ROOT);
    };
  }

  /** Whether a descriptor's platform satisfies this requested one (variant only if requested). */
  public boolean matches(Platform candidate) {
    if (candidate == null || candidate.os() == null || candidate.architecture() == null) {
      return false;
    }
    if (!os.equals(candidate.os()) || !architecture.equals(normalizeArch(candidate.architecture()))) {
      return false;
    }
    return variant == null || variant.equals(candidate.variant());
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
