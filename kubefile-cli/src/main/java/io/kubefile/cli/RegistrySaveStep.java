package io.kubefile.cli;

import io.kubefile.discovery.DiscoveredImage;
import io.kubefile.discovery.DiscoveryOptions;
import io.kubefile.distribution.ProgressListener;
import io.kubefile.image.Platform;
import io.kubefile.save.RegistrySaver;
import io.kubefile.save.SaveReport;
import io.kubefile.store.ImageStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The {@link RegistrySaver} that {@code kubefile registry save} and the first step of {@code kubefile
 * build --save-image} use, configured from their flags; discovery and saving are the library's
 * ({@link RegistrySaver#saveContextImages}). A context without images needs no network and gets no
 * registry/ directory.
 */
final class RegistrySaveStep {
  /** What to save and how; the options both commands share. */
  record Settings(Platform platform, boolean allPlatforms, int maxPullProcs, RegistryOptions registry, ImageStore store,
      DiscoveryOptions discovery) {}

  private RegistrySaveStep() {}

  /** Discovers the context's images and saves them into {@code <context>/registry}. */
  static SaveReport run(Path context, Settings settings, boolean quiet, ProgressListener transfers,
      PrintWriter err, WarningPrinter warnings) throws Exception {
    return saver(context, context.resolve("registry"), settings, quiet, transfers, err, warnings).saveContextImages();
  }

  static SaveReport save(Path context, Path registryDirectory, Collection<DiscoveredImage> images, Settings settings,
      boolean quiet, ProgressListener transfers, PrintWriter err, WarningPrinter warnings) throws Exception {
    return saver(context, registryDirectory, settings, quiet, transfers, err, warnings).save(images);
  }

  /** The library's saver, configured from the command's flags; progress on stderr unless quiet. */
  static RegistrySaver saver(Path context, Path registryDirectory, Settings settings, boolean quiet,
      ProgressListener transfers, PrintWriter err, WarningPrinter warnings) throws Exception {
    return RegistrySaver.builder()
        .registryDirectory(registryDirectory)
        .sources(settings.registry().sources(transfers))
        .blobCache(settings.store())
        .context(context)
        .platform(settings.platform())
        .allPlatforms(settings.allPlatforms())
        .maxParallelImages(settings.maxPullProcs())
        .discovery(settings.discovery())
        .progress(message -> {
          if (!quiet) {
            err.println(message);
            err.flush();
          }
        })
        .warnings(warnings)
        .build();
  }
}
