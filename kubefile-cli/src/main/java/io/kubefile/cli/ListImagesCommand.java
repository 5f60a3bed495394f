package io.kubefile.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kubefile.discovery.DiscoveredImage;
import io.kubefile.discovery.DiscoveryResult;
import io.kubefile.discovery.IgnoredLine;
import io.kubefile.discovery.ImageDiscovery;
import io.kubefile.discovery.ImageSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kubefile list-images}: the images a build would save into {@code registry/}, found the way
 * {@code sealos build} finds them (manifests/, charts/, images/shim/, .sealignore, images/skopeo/tar.txt).
 */
@Command(
    name = "list-images",
    mixinStandardHelpOptions = true,
    description = {
      "List the images a build context needs: normalized, sorted, one per line.",
      "Sources: manifests/ (image: lines), charts/ (rendered with Helm), images/shim/, images/skopeo/tar.txt;"
          + " minus .sealignore."
    })
public final class ListImagesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** {@code --format json} / {@code --json}: every image with its sources, and the skipped image: lines. */
  @Mixin OutputFormat format;

  @Mixin ChartTimeoutOption chart;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also print, on stderr, where each image was found and the image: lines that hold no valid reference.")
  boolean verbose;

  @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "CONTEXT", description = "Build context directory (default: ${DEFAULT-VALUE}).")
  Path context;

  @Override
  public Integer call() throws Exception {
    DiscoveryResult result = ImageDiscovery.discover(context, chart.discovery());
    PrintWriter out = spec.commandLine().getOut();
    boolean json = format.value("table", "json").equals("json");
    if (json) {
      out.println(toJson(result));
    } else {
      result.names().forEach(out::println);
    }
    out.flush();
    if (verbose && !json) {
      printDetails(result, spec.commandLine().getErr());
    }
    return 0;
  }

  private static void printDetails(DiscoveryResult result, PrintWriter err) {
    for (DiscoveredImage image : result.images()) {
      for (ImageSource source : image.sources()) {
        err.println(source.file() + ":" + source.line() + ": " + source.kind().label() + ": " + image.name());
      }
    }
    for (IgnoredLine line : result.ignoredLines()) {
      err.println(line.file() + ":" + line.line() + ": ignored \"" + line.text() + "\": " + line.reason());
    }
    err.flush();
  }

  // Explicit maps keep the JSON field names a stable, documented contract independent of class shapes.
  private static String toJson(DiscoveryResult result) throws Exception {
    List<Map<String, Object>> images =
        result.images().stream()
            .map(
                image -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("name", image.name());
                  entry.put("transport", image.location().transport().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                  entry.put("reference", image.reference() == null ? null : image.reference().toString());
                  if (image.location().archive() != null) {
                    entry.put("archive", image.location().archive());
                  }
                  entry.put("sources", image.sources().stream().map(ListImagesCommand::source).toList());
                  return entry;
                })
            .toList();
    List<Map<String, Object>> ignored =
        result.ignoredLines().stream()
            .map(
                line -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("file", line.file());
                  entry.put("line", line.line());
                  entry.put("text", line.text());
                  entry.put("reason", line.reason());
                  return entry;
                })
            .toList();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("images", images);
    document.put("ignoredLines", ignored);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document);
  }

  private static Map<String, Object> source(ImageSource source) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("file", source.file());
    entry.put("line", source.line());
    entry.put("kind", source.kind().label());
    entry.put("text", source.text());
    return entry;
  }
}
