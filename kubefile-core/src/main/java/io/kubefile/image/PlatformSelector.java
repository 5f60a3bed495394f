package io.kubefile.image;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one rule for picking a platform's manifest from an index, as containerd's platform matcher
 * applies it: os and architecture must match; a requested variant must match exactly; without a
 * requested variant the architecture's default variant (or none) is preferred over others. Entries
 * without a platform and attestation manifests ({@code unknown/unknown}) are never chosen. Pull,
 * push, save, inspect, the store and FROM all pick through here.
 */
public final class PlatformSelector {
  private PlatformSelector() {}

  /** The entry of {@code index} for {@code wanted}; an error naming what the index has otherwise. */
  public static Descriptor select(ImageIndex index, Platform wanted) {
    return find(index.manifests(), wanted).orElseThrow(() -> {
      String has = platformsOf(index.manifests());
      return new NoMatchingPlatformException("no image for platform " + wanted + " in the index"
          + (has.isEmpty() ? "" : " (it has " + has + ")"));
    });
  }

  /** The best entry for {@code wanted} among {@code candidates}, by the rule above. */
  public static Optional<Descriptor> find(List<Descriptor> candidates, Platform wanted) {
    List<Descriptor> matching = candidates.stream().filter(d -> wanted.matches(d.platform())).toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    if (wanted.variant() == null) {
      String defaultVariant = defaultVariant(wanted.architecture());
      for (Descriptor d : matching) {
        String variant = d.platform().variant();
        if (variant == null || variant.isEmpty() || variant.equals(defaultVariant)) {
          return Optional.of(d);
        }
      }
    }
    return Optional.of(matching.get(0));
  }

  /** "linux/amd64, linux/arm64": the real platforms the entries name (empty when none does), for messages. */
  public static String platformsOf(List<Descriptor> entries) {
    String platforms = entries.stream()
        .filter(d -> d.platform() != null && !"unknown".equals(d.platform().os()))
        .map(d -> d.platform().toString())
        .distinct()
        .collect(Collectors.joining(", "));
    return platforms;
  }

  private static String defaultVariant(String architecture) {
    return switch (architecture) {
      case "arm64" -> "v8";
      case "arm" -> "v7";
      case "amd64" -> "v1";
      default -> "";
    };
  }
}
