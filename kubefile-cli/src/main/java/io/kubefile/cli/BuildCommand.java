package io.kubefile.cli;

import io.kubefile.builder.BuildProgress;
import io.kubefile.builder.ClusterImageBuild;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.builder.PullingBaseImages;
import io.kubefile.copy.ImagePuller;
import io.kubefile.image.Platform;
import io.kubefile.initscript.InitScript;
import io.kubefile.initscript.WorkingCopy;
import io.kubefile.save.RegistrySaver;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreLease;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
  @Mixin ImageBuildOptions options;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "Instruction file (default: the first of Sealfile, Kubefile, Dockerfile, Containerfile in CONTEXT).")
  Path file;

  @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "Build argument (repeatable); a bare KEY takes the environment's value.")
  List<String> buildArgs;

  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Label added to the image (repeatable).")
  List<String> labels;

  @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Environment variable added to the image (repeatable).")
  List<String> env;

  @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage instead of the last.")
  String target;

  @Option(names = "--save-image", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
      description = "Save the images the context references into CONTEXT/registry before building (default: ${DEFAULT-VALUE}).")
  boolean saveImage;

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
    WarningPrinter warnings = new WarningPrinter(err);
    List<Platform> targets = options.platforms(warnings);
    boolean multi = targets.size() > 1;
    InitScript script = init ? InitScript.forContext(context.path(), options.tags().isEmpty() ? null : options.tags().get(0),
        initArgs == null ? List.of() : initArgs) : null;
    // Each platform's registry/ holds that platform's images, so each needs its own copy of the
    // context; with --all one registry/ (full indexes) serves every platform.
    boolean copyPerPlatform = init || multi && saveImage && !save.all;
    if (multi && saveImage && !options.quiet) {
      err.println(save.all
          ? "registry/: one for every platform, with each image's full index (--all)"
          : "registry/: one per platform, each with its own platform's images (--all for full indexes in one)");
      err.flush();
    }
    ImagePuller puller = new ImagePuller(images, registry.sources(progress.listener(options.quiet, err)));
    PullingBaseImages resolver = new PullingBaseImages(images, puller, options.pullPolicy());
    BuildStepPrinter steps = new BuildStepPrinter(err);
    List<WorkingCopy> copies = new ArrayList<>();
    try (StoreLease lease = images.lease()) {
      List<ClusterImageBuild> parts = new ArrayList<>();
      Integer sharedSaved = null;
      for (Platform target : targets) {
        Path dir = context.path();
        Path instructions = file;
        if (copyPerPlatform) {
          WorkingCopy copy = script != null ? runInit(script, target, images, err)
              : WorkingCopy.kept(context.path(), images.keptContextArea(context.path(), target));
          copies.add(copy);
          dir = copy.path();
          instructions = copy.locate(file);
        }
        KubefileBuilder builder = configure(KubefileBuilder.forContext(dir), images, target, resolver,
            multi ? BuildProgress.NONE : steps, warnings).instructionFile(instructions);
        RegistrySaver saver = null;
        if (saveImage) {
          save.requireAtLeastOnePullProc(spec);
          RegistrySaveStep.Settings settings = save.settings(target, registry, images);
          if (multi && copyPerPlatform) {
            // saved by the platform's own build, beside the other platforms' (MultiPlatformBuild)
            saver = RegistrySaveStep.saver(dir, dir.resolve("registry"), settings, options.quiet,
                progress.listener(options.quiet, err), err, warnings);
          } else {
            if (copyPerPlatform || sharedSaved == null) {
              sharedSaved = RegistrySaveStep.run(dir, settings, options.quiet, progress.listener(options.quiet, err),
                  err, warnings).saved().size();
            }
            builder.savedImages(sharedSaved);
          }
        }
        parts.add(ClusterImageBuild.of(builder, saver));
      }
      options.build(images, parts, targets, steps, out);
      return 0;
    } finally {
      copies.forEach(WorkingCopy::close);
    }
  }

  private WorkingCopy runInit(InitScript script, Platform target, ImageStore images, PrintWriter err)
      throws IOException {
    if (!options.quiet) {
      err.println("bash init.sh " + String.join(" ", script.arguments(target)));
      err.flush();
    }
    return script.run(target, images.newTempPath("init-"), line -> {
      if (!options.quiet) {
        err.println(line);
        err.flush();
      }
    });
  }

  /** Everything from the command line that every platform's build gets alike. */
  private KubefileBuilder configure(KubefileBuilder builder, ImageStore images, Platform platform,
      PullingBaseImages resolver, BuildProgress steps, WarningPrinter warnings) {
    builder.store(images)
        .platform(platform)
        .baseImages(resolver)
        .warnings(warnings)
        .progress(options.quiet ? BuildProgress.NONE : steps)
        .downloads(registry.client(progress.listener(options.quiet, spec.commandLine().getErr())));
    KeyValueOption.parse(buildArgs, "--build-arg", spec, true).forEach(builder::buildArg);
    KeyValueOption.parse(labels, "--label", spec, false).forEach(builder::label);
    KeyValueOption.parse(env, "--env", spec, true).forEach(builder::env);
    if (target != null) {
      builder.target(target);
    }
    return options.applyTo(builder);
  }
}
