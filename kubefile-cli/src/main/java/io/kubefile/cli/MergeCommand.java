package io.kubefile.cli;

import io.kubefile.builder.BuildProgress;
import io.kubefile.builder.BuildResult;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.builder.PullingBaseImages;
import io.kubefile.copy.ImagePuller;
import io.kubefile.copy.PullPolicy;
import io.kubefile.files.FileTrees;
import io.kubefile.image.Platform;
import io.kubefile.merge.ImageMerge;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreLease;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubefile merge -t NEW IMAGE...}: several cluster images into one, as {@code sealos merge}. */
@Command(name = "merge", description = "Merge cluster images into one, as sealos merge does: labels and env merged"
    + " (later image wins), ENTRYPOINT and CMD concatenated, files layered in order, rootfs if any input is.")
public final class MergeCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-t", "--tag"}, required = true, paramLabel = "NAME", description = "Name of the merged image (repeatable).")
  List<String> tags;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images to merge, in order (later ones win).")
  List<String> images;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform of the inputs and the result (default: linux/<host arch>).")
  String platform;

  @Option(names = "--timestamp", paramLabel = "SECONDS",
      description = "Set every time in the image to this Unix time (default: $SOURCE_DATE_EPOCH, else now).")
  Long timestamp;

  @Option(names = "--pull", arity = "0..1", fallbackValue = "true", defaultValue = "missing", paramLabel = "POLICY",
      description = "Pull the inputs: missing/false = only if not stored (default), true/newer, always, never.")
  String pull;

  @Option(names = "--identity-label", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
      description = "Add the io.kubefile.version label (default: ${DEFAULT-VALUE}).")
  boolean identityLabel;

  @Option(names = {"-q", "--quiet"}, description = "Print only the image ID.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ImageStore images = store.open();
    Platform target = platform != null ? Platform.parse(platform) : Platform.host();
    ImagePuller puller = new ImagePuller(images, registry.sources(ProgressPrinter.forCommand(quiet, err)));
    try (StoreLease lease = images.lease()) {
      Path context = images.newTempPath("merge-");
      BuildStepPrinter steps = new BuildStepPrinter(err);
      try {
        KubefileBuilder builder = ImageMerge.builder(this.images,
            new PullingBaseImages(images, puller, PullPolicy.parse(pull)), target, context)
            .store(images)
            .warnings(w -> {
              err.println("WARNING: " + w);
              err.flush();
            })
            .progress(quiet ? BuildProgress.NONE : steps);
        tags.forEach(builder::tag);
        Instant time = BuildCommand.timestamp(timestamp);
        if (time != null) {
          builder.timestamp(time);
        }
        if (identityLabel) {
          builder.identityLabel(new VersionProvider().version());
        }
        BuildResult result = builder.build();
        if (!quiet) {
          steps.committed(result);
        }
        out.println(result.imageId().hex());
        out.flush();
        return 0;
      } finally {
        FileTrees.delete(context);
      }
    }
  }
}
