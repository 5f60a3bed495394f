package io.kubefile.cli;

import io.kubefile.builder.BuildProgress;
import io.kubefile.builder.BuildResult;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.builder.PullingBaseImages;
import io.kubefile.copy.ImagePuller;
import io.kubefile.copy.PullPolicy;
import io.kubefile.image.Platform;
import io.kubefile.initscript.InitScript;
import io.kubefile.initscript.WorkingCopy;
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
import picocli.CommandLine.Spec;

/** {@code kubefile build}: a build directory → a cluster image in the local store. */
@Command(name = "build", description = "Build a cluster image from a Kubefile and its context directory.")
public final class BuildCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Mixin ProgressOption progress;
  @Mixin SaveOptions save;
  @Mixin ContextDirectory context;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-t", "--tag"}, paramLabel = "NAME", description = "Name of the image (repeatable).")
  List<String> tags;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "Instruction file (default: the first of Sealfile, Kubefile, Dockerfile, Containerfile in CONTEXT).")
  Path file;

  @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "Build argument (repeatable); a bare KEY takes the environment's value.")
  List<String> buildArgs;

  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Label added to the image (repeatable).")
  List<String> labels;

  @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Environment variable added to the image (repeatable).")
  List<String> env;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Target platform (default: linux/<host arch>).")
  String platform;

  @Option(names = "--timestamp", paramLabel = "SECONDS",
      description = "Set every time in the image to this Unix time (default: $SOURCE_DATE_EPOCH, else now); makes builds reproducible.")
  Long timestamp;

  @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage instead of the last.")
  String target;

  @Option(names = "--save-image", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
      description = "Save the images the context references into CONTEXT/registry before building (default: ${DEFAULT-VALUE}).")
  boolean saveImage;

  @Option(names = "--identity-label", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
      description = "Add the io.kubefile.version label (default: ${DEFAULT-VALUE}).")
  boolean identityLabel;

  @Option(names = "--pull", arity = "0..1", fallbackValue = "true", defaultValue = "missing", paramLabel = "POLICY",
      description = "Pull FROM images: missing/false = only if not stored (default), true/newer = if the registry's digest differs, always, never.")
  String pull;

  @Option(names = {"-q", "--quiet"}, description = "Print only the image ID.")
  boolean quiet;

  @Option(names = "--init",
      description = "Run bash init.sh <arch> <name> <version> (name and version from the first -t) before the build,"
          + " in a copy-on-write working copy of CONTEXT: CONTEXT itself is not changed.")
  boolean init;

  @Option(names = "--init-arg", paramLabel = "ARG", description = "Extra argument for init.sh, after <version> (repeatable).")
  List<String> initArgs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ImageStore images = store.open();
    if (!init) {
      return build(context.path(), file, images, out, err);
    }
    Platform target = platform != null ? Platform.parse(platform) : Platform.host();
    InitScript script = InitScript.forContext(context.path(), tags == null ? null : tags.get(0),
        initArgs == null ? List.of() : initArgs);
    if (!quiet) {
      err.println("bash init.sh " + String.join(" ", script.arguments(target)));
      err.flush();
    }
    try (StoreLease lease = images.lease();
        WorkingCopy copy = script.run(target, images.newTempPath("init-"), line -> {
          if (!quiet) {
            err.println(line);
            err.flush();
          }
        })) {
      return build(copy.path(), copy.locate(file), images, out, err);
    }
  }

  private int build(Path dir, Path file, ImageStore images, PrintWriter out, PrintWriter err)
      throws Exception {
    ImagePuller puller = new ImagePuller(images, registry.sources(progress.listener(quiet, err)));
    BuildStepPrinter steps = new BuildStepPrinter(err);
    KubefileBuilder builder = KubefileBuilder.forContext(dir)
        .store(images)
        .baseImages(new PullingBaseImages(images, puller, PullPolicy.parse(pull)))
        .instructionFile(file)
        .warnings(w -> {
          err.println("WARNING: " + w);
          err.flush();
        })
        .progress(quiet ? BuildProgress.NONE : steps);
    if (tags != null) {
      tags.forEach(builder::tag);
    }
    KeyValueOption.parse(buildArgs, "--build-arg", spec, true).forEach(builder::buildArg);
    KeyValueOption.parse(labels, "--label", spec, false).forEach(builder::label);
    KeyValueOption.parse(env, "--env", spec, true).forEach(builder::env);
    if (platform != null) {
      builder.platform(PlatformOption.parse(platform, err));
    }
    Instant time = timestamp(timestamp);
    if (time != null) {
      builder.timestamp(time);
    }
    if (target != null) {
      builder.target(target);
    }
    if (identityLabel) {
      builder.identityLabel(new VersionProvider().version());
    }
    if (saveImage) {
      save.requireAtLeastOnePullProc(spec);
      RegistrySaveStep.Settings settings = save.settings(platform, registry, store.open());
      builder.savedImages(RegistrySaveStep.run(dir, settings, quiet, progress.listener(quiet, err), err).saved().size());
    }
    BuildResult result = builder.build();
    if (!quiet) {
      steps.committed(result);
    }
    out.println(result.imageId().hex());
    out.flush();
    return 0;
  }

  /** {@code --timestamp} wins, then SOURCE_DATE_EPOCH, as buildah and reproducible-builds.org define. */
  static Instant timestamp(Long option) {
    if (option != null) {
      return Instant.ofEpochSecond(option);
    }
    String epoch = System.getenv("SOURCE_DATE_EPOCH");
    if (epoch != null && !epoch.isBlank()) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("SOURCE_DATE_EPOCH=" + epoch + " is not a number of seconds");
      }
    }
    return null;
  }
}
