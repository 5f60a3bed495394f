package io.kubefile.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** Accumulates images with their sources, and skipped lines, while the sources are read. */
final class ImageCollector {
  private final Map<ImageLocation, List<ImageSource>> images = new LinkedHashMap<>();
  private final List<IgnoredLine> ignoredLines = new ArrayList<>();

  void add(ImageLocation location, ImageSource source) {
    images.computeIfAbsent(location, l -> new ArrayList<>()).add(source);
  }

  void ignore(IgnoredLine line) {
    ignoredLines.add(line);
  }

  /** Drops every image for which {@code unwanted} holds. */
  void removeIf(BiPredicate<ImageLocation, List<ImageSource>> unwanted) {
    images.entrySet().removeIf(e -> unwanted.test(e.getKey(), e.getValue()));
  }

  DiscoveryResult result() {
    List<DiscoveredImage> sorted =
        images.entrySet().stream()
            .map(e -> new DiscoveredImage(e.getKey(), e.getValue()))
            .sorted((a, b) -> a.location().compareTo(b.location()))
            .toList();
    return new DiscoveryResult(sorted, ignoredLines);
  }
}
