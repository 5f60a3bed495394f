package io.kubefile.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The shared reference material (../shared), read in place, never copied. */
final class SharedData {
  private SharedData() {}

  static Path root() {
    String property = System.getProperty("kubefile.shared");
    Path root = property != null ? Path.of(property) : Path.of("..", "..", "shared");
    assertThat(root).as("shared reference material").isDirectory();
    return root.toAbsolutePath().normalize();
  }

  static Path clusterImageCorpus() {
    return root().resolve("corpus/cluster-image");
  }

  static Path sealosFixture(String name) {
    return root().resolve("fixtures/sealos/derived").resolve(name);
  }

  /** Every case directory of the cluster-image corpus. */
  static Stream<Path> clusterImageCases() {
    try (Stream<Path> entries = Files.list(clusterImageCorpus())) {
      return entries.filter(Files::isDirectory).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Non-blank, non-comment lines of a file. */
  static List<String> entries(Path file) {
    return TextLines.read(file).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  /**
   * An expected upstream-style name in our normalized form: {@code docker.io/library/busybox} becomes
   * {@code docker.io/library/busybox:latest}; transports are kept.
   */
  static String normalized(String upstreamName) {
    return ShimEntryParser.parse(upstreamName).toString();
  }

  /**
   * Upstream's list as one entry per image: {@code nginx} and {@code docker.io/library/nginx:latest} are one
   * image, listed with the tag when any spelling wrote it.
   */
  static Set<String> normalized(List<String> upstreamNames) {
    Map<ImageLocation, ImageLocation> spellings = new LinkedHashMap<>();
    for (String name : upstreamNames) {
      ImageLocation location = ShimEntryParser.parse(name);
      spellings.merge(location, location, ImageLocation::preferWrittenTag);
    }
    return spellings.values().stream().map(ImageLocation::toString).collect(Collectors.toCollection(TreeSet::new));
  }


  /**
   * Our names as upstream lists them apart from the default tag: upstream drops a digest written after a
   * tag (SEALOS_COMPAT §9.3), we keep it; everything else must be equal.
   */
  static Set<String> withUpstreamDigestRule(DiscoveryResult result) {
    return result.images().stream()
        .map(DiscoveredImage::location)
        .map(
            l ->
                l.reference() != null && l.reference().tag().isPresent() && !l.reference().isTagImplied()
                    ? new ImageLocation(l.transport(), l.reference().withoutDigest(), l.archive())
                    : l)
        .map(ImageLocation::toString)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
