package io.kubefile.save;

import io.kubefile.discovery.DiscoveredImage;
import io.kubefile.discovery.ImageSource;
import java.util.stream.Collectors;

/**
 * An image that could not be saved, with why.
 *
 * @param image the image, with the places in the build context that reference it
 * @param reason what went wrong, e.g. the registry's answer
 */
public record SaveFailure(DiscoveredImage image, String reason) {

  /** {@code docker.io/library/nginx:9 (manifests/app.yaml:12): manifest unknown …}. */
  public String message() {
    return image.name() + " (" + whereFound(image) + "): " + reason;
  }

  /** {@code manifests/app.yaml:12, images/shim/list:3}, or {@code given explicitly}. */
  static String whereFound(DiscoveredImage image) {
    if (image.sources().isEmpty()) {
      return "given explicitly";
    }
    return image.sources().stream().map(ImageSource::toString).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return message();
  }
}
