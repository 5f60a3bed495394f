package io.kubefile.cli;

import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How a context's images are saved into {@code registry/}; shared by {@code build} (which saves first)
 * and {@code registry save}. {@code --platform} stays with each command: for {@code build} it is also
 * the platform built for.
 */
public final class SaveOptions {
  @Option(names = "--max-pull-procs", paramLabel = "N", defaultValue = "5",
      description = "Images saved at once (default: ${DEFAULT-VALUE}).")
  int maxPullProcs;

  @Option(names = "--all", description = "Save multi-platform images with every platform, not only --platform.")
  boolean all;

  @Mixin ChartTimeoutOption chart;

  /** Rejects a {@code --max-pull-procs} below 1 instead of quietly saving one image at a time. */
  void requireAtLeastOnePullProc(CommandSpec spec) {
    if (maxPullProcs < 1) {
      throw new ParameterException(spec.commandLine(), "--max-pull-procs must be at least 1");
    }
  }

  /**
   * The settings of a save for {@code platform} (a {@code --platform} value; null: the host's), at
   * least one image at a time.
   */
  RegistrySaveStep.Settings settings(String platform, RegistryOptions registry, ImageStore store) {
    return settings(platform == null ? Platform.host() : Platform.parse(platform), registry, store);
  }

  RegistrySaveStep.Settings settings(Platform platform, RegistryOptions registry, ImageStore store) {
    return new RegistrySaveStep.Settings(platform, all, Math.max(1, maxPullProcs), registry, store, chart.discovery());
  }
}
