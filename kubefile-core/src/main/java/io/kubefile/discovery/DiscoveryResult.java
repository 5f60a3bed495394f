package io.kubefile.discovery;

import java.util.List;

/**
 * The images a build context needs, sorted by name and de-duplicated, and the {@code image:} lines that
 * were skipped.
 */
public record DiscoveryResult(List<DiscoveredImage> images, List<IgnoredLine> ignoredLines) {
  public DiscoveryResult {
    images = List.copyOf(images);
    ignoredLines = List.copyOf(ignoredLines);
  }

  /** The image names, one per image, sorted. */
  public List<String> names() {
    return images.stream().map(DiscoveredImage::name).toList();
  }

  public boolean isEmpty() {
    return images.isEmpty();
  }
}
