package io.kubefile.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** Accumulates images with their sources, and skipped lines, while the sources are read. */
final class ImageCollector {
  private final Map<ImageLocation, List<ImageSource>> images = new LinkedHashMap<>();
  /** The spelling each image is listed with: one that wrote the tag out wins over an implied {@code :latest}. */
  private final Map<ImageLocation, ImageLocation> spellings = new LinkedHashMap<>();
  private final List<IgnoredLine> ignoredLines = new ArrayList<>();

  void add(ImageLocation location, ImageSource source) {
    images.computeIfAbsent(location, l -> new ArrayList<>()).add(source);
    spellings.merge(location, location, ImageLocation::preferWrittenTag);
  }

  void ignore(IgnoredLine line) {
    ignoredLines.add(line);
  }

  /** Drops every image for which {@code unwanted} holds. */
  void removeIf(BiPredicate<ImageLocation, List<ImageSource>> unwanted) {
    images.entrySet().removeIf(e -> unwanted.test(spellings.get(e.getKey()), e.getValue()));
  }

  DiscoveryResult result() {
    List<DiscoveredImage> sorted =
        images.entrySet().stream()
            .map(e -> new DiscoveredImage(spellings.get(e.getKey()), e.getValue()))
            .sorted((a, b) -> a.location().compareTo(b.location()))
            .toList();
    return new DiscoveryResult(sorted, ignoredLines);
  }
}
