package io.kubefile.cli;

import io.kubefile.discovery.DiscoveredImage;
import io.kubefile.discovery.ImageLocation;
import io.kubefile.save.ImageLocationParser;
import io.kubefile.save.SaveReport;
import io.kubefile.save.SavedImage;
import io.kubefile.image.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile registry save}: the images a build context references (or the ones given) into its
 * registry/ directory, as {@code sealos registry save} does, in parallel.
 */
@Command(name = "save", description = "Save the images a build context references into CONTEXT/registry.")
public final class RegistrySaveCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Mixin ProgressOption progress;
  @Mixin SaveOptions save;
  @Mixin ContextDirectory context;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--registry-dir", paramLabel = "DIR", description = "Where to save (default: CONTEXT/registry).")
  Path registryDir;

  @Option(names = "--images", split = ",", paramLabel = "IMAGE",
      description = "Save exactly these images instead of the ones the context references (comma-separated or"
          + " repeated; docker-archive:PATH[:NAME] and oci-archive:PATH[:NAME] are read from files).")
  List<String> images;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to take from multi-platform images (default: linux/<host arch>).")
  String platform;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  /** {@code --format json} / {@code --json}: a report of what was saved instead of one line per image. */
  @Mixin OutputFormat format;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    save.requireAtLeastOnePullProc(spec);
    Path dir = context.path();
    RegistrySaveStep.Settings settings = save.settings(platform, registry, store.open());
    Path target = registryDir != null ? registryDir : dir.resolve("registry");
    SaveReport report = images == null
        ? RegistrySaveStep.save(dir, target, io.kubefile.discovery.ImageDiscovery.discover(dir, settings.discovery()).images(), settings, quiet, progress.listener(quiet, err), err,
            new WarningPrinter(err))
        : RegistrySaveStep.save(dir, target, given(images), settings, quiet, progress.listener(quiet, err), err,
            new WarningPrinter(err));
    if (format.value("table", "json").equals("json")) {
      out.println(Json.pretty4(jsonReport(report, target)));
    } else if (!quiet) {
      for (SavedImage saved : report.saved()) {
        out.println(saved.target() + " " + saved.manifestDigest());
      }
    }
    out.flush();
    return 0;
  }

  /** The report as scripts read it: each image's source, where it went, its digest and what was downloaded. */
  private static Map<String, Object> jsonReport(SaveReport report, Path target) {
    List<Map<String, Object>> images = new ArrayList<>();
    for (SavedImage saved : report.saved()) {
      Map<String, Object> image = new LinkedHashMap<>();
      image.put("image", saved.image().name());
      image.put("savedAs", saved.target().toString());
      image.put("digest", saved.manifestDigest().toString());
      image.put("mediaType", saved.mediaType());
      image.put("blobsDownloaded", saved.blobsDownloaded());
      image.put("bytesDownloaded", saved.bytesDownloaded());
      images.add(image);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("registryDir", target.toAbsolutePath().normalize().toString());
    json.put("images", images);
    json.put("blobsDownloaded", report.blobsDownloaded());
    json.put("bytesDownloaded", report.bytesDownloaded());
    return json;
  }

  /** Archive paths on the command line are relative to the working directory, not the context. */
  private static List<DiscoveredImage> given(List<String> images) {
    return images.stream()
        .filter(text -> !text.isBlank())
        .map(ImageLocationParser::parse)
        .map(location -> location.transport().isArchive()
            ? new ImageLocation(location.transport(), location.reference(),
                Path.of(location.archive()).toAbsolutePath().normalize().toString())
            : location)
        .map(location -> new DiscoveredImage(location, List.of()))
        .toList();
  }
}
