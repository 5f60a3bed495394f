package io.kubefile.discovery;

import io.kubefile.image.ImageReference;
import java.util.List;

/**
 * One image a build context needs, with every place it was found.
 *
 * @param location what to copy
 * @param sources where it was found, in discovery order (manifests, charts, shim, archives; files sorted)
 */
public record DiscoveredImage(ImageLocation location, List<ImageSource> sources) {
  public DiscoveredImage {
    sources = List.copyOf(sources);
  }

  /** The normalized name as listed, see {@link ImageLocation#toString()}. */
  public String name() {
    return location.toString();
  }

  /** The image reference (for archives: the name it is stored under, possibly null). */
  public ImageReference reference() {
    return location.reference();
  }

  @Override
  public String toString() {
    return name();
  }
}
