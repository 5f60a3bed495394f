package io.kubefile.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds images in {@code charts/}: each directory, and each file whose name ends in {@code tgz}, directly
 * under it is a chart (a directory without Chart.yaml is an error, as upstream). Each is rendered with
 * Helm (in a child process, {@link ChartRenderer}) from a prepared temporary copy ({@link RenderableChartCopy}) with
 * its values plus {@code charts/<name from Chart.yaml>.values.yaml} when present, and the output is
 * scanned with the same line rule as manifests.
 */
final class ChartScanner {
  static final String DIRECTORY = "charts";
  private static final String VALUES_SUFFIX = ".values.yaml";

  private final Path context;
  private final java.time.Duration chartTimeout;

  ChartScanner(Path context, java.time.Duration chartTimeout) {
    this.context = context;
    this.chartTimeout = chartTimeout;
  }

  void scanInto(ImageCollector collector) {
    Path chartsDir = context.resolve(DIRECTORY);
    if (!Files.isDirectory(chartsDir)) {
      return;
    }
    LineScanner scanner = new LineScanner(collector);
    for (ChartEntry entry : entries(chartsDir)) {
      Path workDir = createWorkDir();
      try {
        scanChart(entry, workDir, scanner);
      } finally {
        deleteTree(workDir);
      }
    }
  }

  private List<ChartEntry> entries(Path chartsDir) {
    try (Stream<Path> children = Files.list(chartsDir)) {
      return children
          .filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith("tgz"))
          .sorted()
          .map(p -> new ChartEntry(p, TextLines.relative(context, p)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + chartsDir, e);
    }
  }

  private void scanChart(ChartEntry entry, Path workDir, LineScanner scanner) {
    if (!entry.isArchive() && !Files.isRegularFile(entry.path().resolve(ChartYaml.CHART_FILE))) {
      throw new DiscoveryException(entry.relativePath() + " is not a Helm chart: Chart.yaml is missing");
    }
    Path chart = RenderableChartCopy.prepare(entry, workDir.resolve("work"));
    String chartName = ChartYaml.name(chart, entry.relativePath());
    Path valuesFile = valuesFile(chartName, workDir);
    String output = ChartRenderer.shared().render(chart, valuesFile, entry.relativePath(), chartTimeout);
    for (Map.Entry<String, List<String>> template : RenderedTemplates.split(output).entrySet()) {
      String templateName = template.getKey();
      List<String> lines = template.getValue();
      if (templateName.endsWith("/templates/" + RenderableChartCopy.NOTES_CARRIER)) {
        // Line 1 of the carrier is its YAML key; line 2 is line 1 of NOTES.txt.
        String notes = templateName.replace(RenderableChartCopy.NOTES_CARRIER, RenderableChartCopy.NOTES);
        scanner.scan(sourceFile(entry, notes), 0, lines, SourceKind.CHART);
      } else {
        scanner.scan(sourceFile(entry, templateName), 1, lines, SourceKind.CHART);
      }
    }
  }

  /**
   * The context-relative file for a rendered template: Helm names templates after the chart's name, not
   * its directory ({@code demo/templates/x.yaml}), so the first segment becomes the entry's path.
   */
  private static String sourceFile(ChartEntry entry, String templateName) {
    int slash = templateName.indexOf('/');
    return entry.relativePath() + (slash < 0 ? "/" + templateName : templateName.substring(slash));
  }

  /**
   * {@code charts/<name>.values.yaml}, named after Chart.yaml's name, not the directory. Copied so that
   * hook annotations in it are renamed like the chart's own ({@link TemplateRewriter#withoutHooks}).
   */
  private Path valuesFile(String chartName, Path workDir) {
    Path valuesFile = context.resolve(DIRECTORY).resolve(chartName + VALUES_SUFFIX);
    if (!Files.isRegularFile(valuesFile)) {
      return null;
    }
    Path copy = workDir.resolve(chartName + VALUES_SUFFIX);
    try {
      Files.copy(valuesFile, copy, StandardCopyOption.REPLACE_EXISTING);
      String text = Files.readString(copy);
      Files.writeString(copy, TemplateRewriter.withoutHooks(text));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + valuesFile, e);
    }
    return copy;
  }

  private static Path createWorkDir() {
    try {
      return Files.createTempDirectory("kubefile-chart-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // A leftover temporary directory is not worth failing discovery for.
    }
  }
}
