package io.kubefile.cli;

import io.kubefile.discovery.DiscoveredImage;
import io.kubefile.discovery.DiscoveryResult;
import io.kubefile.discovery.IgnoredLine;
import io.kubefile.discovery.ImageDiscovery;
import io.kubefile.distribution.ProgressListener;
import io.kubefile.image.Platform;
import io.kubefile.save.RegistrySaver;
import io.kubefile.save.SaveReport;
import io.kubefile.store.ImageStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Saving images into registry/, as {@code kubefile registry save} and the first step of {@code
 * kubefile build --save-image} do it: discovery (unless the images are given), then {@link
 * RegistrySaver}. A context without images needs no network and gets no registry/ directory.
 */
final class RegistrySaveStep {
  /** What to save and how; the options both commands share. */
  record Settings(Platform platform, boolean allPlatforms, int maxPullProcs, RegistryOptions registry, ImageStore store) {}

  private RegistrySaveStep() {}

  /** Discovers the context's images and saves them into {@code <context>/registry}. */
  static SaveReport run(Path context, Settings settings, boolean quiet, ProgressListener transfers,
      PrintWriter err, WarningPrinter warnings) throws Exception {
    DiscoveryResult found = ImageDiscovery.discover(context);
    for (IgnoredLine ignored : found.ignoredLines()) {
      warnings.accept("skipped " + ignored);
    }
    return save(context, context.resolve("registry"), found.images(), settings, quiet, transfers, err, warnings);
  }

  static SaveReport save(Path context, Path registryDirectory, Collection<DiscoveredImage> images, Settings settings,
      boolean quiet, ProgressListener transfers, PrintWriter err, WarningPrinter warnings) throws Exception {
    if (images.isEmpty()) {
      return SaveReport.empty();
    }
    RegistrySaver saver = RegistrySaver.builder()
        .registryDirectory(registryDirectory)
        .sources(settings.registry().sources(transfers))
        .blobCache(settings.store())
        .context(context)
        .platform(settings.platform())
        .allPlatforms(settings.allPlatforms())
        .maxParallelImages(settings.maxPullProcs())
        .progress(message -> {
          if (!quiet) {
            err.println(message);
            err.flush();
          }
        })
        .warnings(warnings)
        .build();
    return saver.save(images);
  }
}
