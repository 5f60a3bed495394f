package io.kubefile.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** An OCI platform: {@code os/architecture[/variant]}, normalized as containerd does. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Platform(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("variant") String variant) {

  /** What each of os, architecture and variant may be (containerd's rule). */
  private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_-]+");

  /**
   * The os/architecture pairs Go builds for ({@code go tool dist list}), which is what images
   * exist for; anything else is accepted with a warning, since a registry may hold it all the same.
   */
  private static final Set<String> KNOWN = Set.of(
      "aix/ppc64", "android/386", "android/amd64", "android/arm", "android/arm64", "darwin/amd64",
      "darwin/arm64", "dragonfly/amd64", "freebsd/386", "freebsd/amd64", "freebsd/arm", "freebsd/arm64",
      "freebsd/riscv64", "illumos/amd64", "ios/amd64", "ios/arm64", "js/wasm", "linux/386", "linux/amd64",
      "linux/arm", "linux/arm64", "linux/loong64", "linux/mips", "linux/mips64", "linux/mips64le",
      "linux/mipsle", "linux/ppc64", "linux/ppc64le", "linux/riscv64", "linux/s390x", "netbsd/386",
      "netbsd/amd64", "netbsd/arm", "netbsd/arm64", "openbsd/386", "openbsd/amd64", "openbsd/arm",
      "openbsd/arm64", "openbsd/ppc64", "openbsd/riscv64", "plan9/386", "plan9/amd64", "plan9/arm",
      "solaris/amd64", "wasip1/wasm", "windows/386", "windows/amd64", "windows/arm", "windows/arm64");

  /**
   * Parses one {@code os/arch[/variant]}: each part {@code [A-Za-z0-9_-]+}, architecture aliases
   * normalized as containerd does ({@code x86_64} is {@code amd64}). Errors name the text. A comma
   * list is refused here; commands that take several platforms use {@link #parseList}.
   */
  public static Platform parse(String text) {
    if (text.contains(",")) {
      throw new InvalidPlatformException("invalid platform \"" + text
          + "\": give one os/arch[/variant] (a comma list of platforms is not supported here)");
    }
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new InvalidPlatformException(
          "invalid platform \"" + text + "\": expected os/arch[/variant]");
    }
    for (String part : parts) {
      if (!COMPONENT.matcher(part).matches()) {
        throw new InvalidPlatformException("invalid platform \"" + text + "\": \"" + part
            + "\" is not an os, architecture or variant (letters, digits, _ and - only)");
      }
    }
    String arch = normalizeArch(parts[1]);
    String variant = parts.length == 3 ? parts[2] : null;
    if (arch.equals("arm64") && "v8".equals(variant)) {
      variant = null;
    }
    return new Platform(arch, parts[0], variant);
  }

  /**
   * Parses a comma-separated list of platforms ({@code linux/amd64,linux/arm64}), each as {@link
   * #parse}; empty entries and repeats are errors naming the text.
   */
  public static List<Platform> parseList(String text) {
    List<Platform> platforms = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      if (item.isBlank()) {
        throw new InvalidPlatformException("invalid platform list \"" + text + "\": an entry is empty");
      }
      Platform platform = parse(item);
      if (platforms.contains(platform)) {
        throw new InvalidPlatformException("invalid platform list \"" + text + "\": " + platform + " is given twice");
      }
      platforms.add(platform);
    }
    return List.copyOf(platforms);
  }

  /** A warning when this is no os/architecture pair Go builds for (a likely typo), else empty. */
  public Optional<String> unknownPairWarning() {
    String pair = os + "/" + architecture;
    return KNOWN.contains(pair) ? Optional.empty() : Optional.of("platform " + this
        + " is not a known os/architecture pair (such as linux/amd64 or linux/arm64)");
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
