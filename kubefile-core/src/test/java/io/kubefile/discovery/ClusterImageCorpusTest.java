package io.kubefile.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real build directory of the corpus: discovery over manifests/ and images/shim/ (charts are
 * covered by {@link ChartDiscoveryTest}) finds exactly the images sealos finds there.
 */
class ClusterImageCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DiscoveryOptions WITHOUT_CHARTS = DiscoveryOptions.all().without(SourceKind.CHART);

  static Stream<Path> cases() {
    return SharedData.clusterImageCases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findsExactlyTheExpectedImages(Path dir) {
    DiscoveryResult result = ImageDiscovery.discover(dir, WITHOUT_CHARTS);

    assertThat(SharedData.withUpstreamDigestRule(result))
        .containsExactlyElementsOf(SharedData.normalized(SharedData.entries(dir.resolve("EXPECTED_IMAGES.txt"))));
    assertThat(result.names()).isSorted().doesNotHaveDuplicates();
  }

  /**
   * With charts rendered by the real Helm engine, discovery finds the manifest and shim images
   * plus the images the charts render to (EXPECTED_CHART_IMAGES.txt). Sealos renders hook
   * templates too (engine.Render renders every template, as EXPECTED.json notes for test hooks),
   * while that list leaves them out; so an image beyond it is allowed only when every place it
   * comes from is a Helm hook template.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withChartsFindsManifestShimAndChartImages(Path dir) throws IOException {
    List<String> expected = new ArrayList<>(SharedData.entries(dir.resolve("EXPECTED_IMAGES.txt")));
    Path chartImages = dir.resolve("EXPECTED_CHART_IMAGES.txt");
    if (java.nio.file.Files.exists(chartImages)) {
      expected.addAll(SharedData.entries(chartImages));
    }
    java.util.Set<String> want = SharedData.normalized(expected);
    DiscoveryResult result = ImageDiscovery.discover(dir);
    java.util.Set<String> found = SharedData.withUpstreamDigestRule(result);
    assertThat(found).containsAll(want);
    for (DiscoveredImage image : result.images()) {
      if (!want.contains(SharedData.normalized(image.name())) && !want.contains(image.name())) {
        for (ImageSource source : image.sources()) {
          assertThat(source.kind()).as(image.name() + " beyond the expected list").isEqualTo(SourceKind.CHART);
          assertThat(java.nio.file.Files.readString(dir.resolve(source.file())))
              .as(image.name() + " from " + source.file() + " must come from a Helm hook template")
              .contains("helm.sh/hook");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void recordsEverySourceLineOfEveryImage(Path dir) {
    DiscoveryResult result = ImageDiscovery.discover(dir, WITHOUT_CHARTS);
    List<String> ourSources = new ArrayList<>();
    result.images().forEach(i -> i.sources().forEach(s -> ourSources.add(s.file() + ":" + s.line())));

    List<String> expectedSources =
        SharedData.entries(dir.resolve("EXPECTED_IMAGES.raw.tsv")).stream()
            .skip(1)
            .map(row -> row.split("\t"))
            .map(cols -> cols[0] + ":" + cols[1])
            .toList();
    assertThat(ourSources).containsAll(expectedSources);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void honoursTheTrapsListedInExpectedJson(Path dir) throws IOException {
    JsonNode expected = JSON.readTree(dir.resolve("EXPECTED.json").toFile());
    DiscoveryResult result = ImageDiscovery.discover(dir, WITHOUT_CHARTS);

    // Refs only a line scan finds (block scalars, invalid-YAML templates) must be found.
    List<String> lineScanOnly = new ArrayList<>();
    expected.get("line_scan_only").forEach(n -> lineScanOnly.add(SharedData.normalized(n.asText())));
    assertThat(result.names()).containsAll(lineScanOnly);

    // Unparsable image: lines (templates, comments, uppercase) are reported, with file and line.
    List<String> ignored = new ArrayList<>();
    expected
        .get("manifest_lines_ignored")
        .forEach(n -> ignored.add(n.get("file").asText() + ":" + n.get("line").asInt() + " " + n.get("value").asText()));
    assertThat(result.ignoredLines())
        .extracting(l -> l.file() + ":" + l.line() + " " + l.text())
        .containsExactlyElementsOf(ignored);
  }
}
