package io.kubefile.cli;

import io.kubefile.builder.BuildProgress;
import io.kubefile.builder.ClusterImageBuild;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.builder.PullingBaseImages;
import io.kubefile.copy.ImagePuller;
import io.kubefile.files.FileTrees;
import io.kubefile.image.ImageReference;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.merge.ImageMerge;
import io.kubefile.merge.MergePlatforms;
import io.kubefile.store.ImageStore;
import io.kubefile.store.ManifestLists;
import io.kubefile.store.StoreLease;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile merge -t NEW IMAGE...}: several cluster images into one, as {@code sealos merge};
 * per platform when the inputs are image indexes (then the result is an index).
 */
@Command(name = "merge", description = "Merge cluster images into one, as sealos merge does: labels and env merged"
    + " (later image wins), ENTRYPOINT and CMD concatenated, files layered in order, rootfs if any input is;"
    + " inputs that are image indexes are merged per platform into an index.")
public final class MergeCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Mixin ImageBuildOptions options;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images to merge, in order (later ones win).")
  List<String> images;

  @Option(names = "--common-platforms",
      description = "With image index inputs: merge only the platforms every input has (default: a platform"
          + " missing from an input is an error naming both).")
  boolean commonPlatforms;

  @Override
  public Integer call() throws Exception {
    if (options.tags().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--tag=NAME'");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WarningPrinter warnings = new WarningPrinter(err);
    ImageStore store = this.store.open();
    ImagePuller puller = new ImagePuller(store, registry.sources(ProgressPrinter.forCommand(options.quiet, err)));
    PullingBaseImages resolver = new PullingBaseImages(store, puller, options.pullPolicy());
    BuildStepPrinter steps = new BuildStepPrinter(err);
    List<Path> contexts = new ArrayList<>();
    try (StoreLease lease = store.lease()) {
      List<Platform> targets = targets(store, warnings);
      List<ClusterImageBuild> parts = new ArrayList<>();
      for (Platform target : targets) {
        Path context = store.newTempPath("merge-");
        contexts.add(context);
        KubefileBuilder builder = ImageMerge.builder(images, resolver, target, context)
            .store(store)
            .warnings(warnings)
            .progress(options.quiet || targets.size() > 1 ? BuildProgress.NONE : steps);
        parts.add(ClusterImageBuild.of(options.applyTo(builder), null));
      }
      options.build(store, parts, targets, steps, out);
      return 0;
    } finally {
      for (Path context : contexts) {
        FileTrees.delete(context);
      }
    }
  }

  /**
   * {@code --platform} as given; else every platform of the inputs that are indexes in the store
   * (see {@link MergePlatforms}); else, as sealos, the host's.
   */
  private List<Platform> targets(ImageStore store, WarningPrinter warnings) throws IOException {
    if (options.platformsGiven()) {
      return options.platforms(warnings);
    }
    ManifestLists lists = new ManifestLists(store);
    List<MergePlatforms.Input> inputs = new ArrayList<>();
    for (String image : images) {
      Optional<StoredImage> stored = store.findByName(ImageReference.parse(image).toString());
      if (stored.isPresent()) {
        inputs.add(new MergePlatforms.Input(image, MediaTypes.isIndex(stored.get().entry().mediaType()),
            lists.platformsOf(stored.get())));
      }
    }
    List<Platform> chosen = MergePlatforms.choose(inputs, commonPlatforms);
    return chosen.isEmpty() ? List.of(Platform.host()) : chosen;
  }
}
