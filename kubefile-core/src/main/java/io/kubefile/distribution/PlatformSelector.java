package io.kubefile.distribution;

import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Platform;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks the manifest for a platform from an index, as containerd's platform matcher does: os and
 * architecture must match; a requested variant must match exactly; without a requested variant the
 * architecture's default variant (or none) is preferred over others. Entries without a platform and
 * attestation manifests ({@code unknown/unknown}) are never chosen.
 */
public final class PlatformSelector {
  private PlatformSelector() {}

  public static Descriptor select(ImageIndex index, Platform wanted) throws RegistryException {
    List<Descriptor> matching =
        index.manifests().stream().filter(d -> wanted.matches(d.platform())).toList();
    if (matching.isEmpty()) {
      String available = index.manifests().stream()
          .filter(d -> d.platform() != null && !"unknown".equals(d.platform().os()))
          .map(d -> d.platform().toString())
          .distinct()
          .collect(Collectors.joining(", "));
      throw new RegistryException(RegistryException.Reason.NO_MATCHING_PLATFORM,
          "no image for platform " + wanted + " in the index"
              + (available.isEmpty() ? "" : " (it has " + available + ")"));
    }
    if (wanted.variant() == null) {
      String defaultVariant = defaultVariant(wanted.architecture());
      for (Descriptor d : matching) {
        String variant = d.platform().variant();
        if (variant == null || variant.isEmpty() || variant.equals(defaultVariant)) {
          return d;
        }
      }
    }
    return matching.get(0);
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
