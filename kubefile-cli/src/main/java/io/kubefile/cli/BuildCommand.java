package io.kubefile.cli;

import io.kubefile.builder.BuildProgress;
import io.kubefile.builder.BuildResult;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.builder.MultiPlatformBuild;
import io.kubefile.builder.MultiPlatformResult;
import io.kubefile.builder.PullingBaseImages;
import io.kubefile.copy.ImagePuller;
import io.kubefile.copy.PullPolicy;
import io.kubefile.image.Platform;
import io.kubefile.initscript.InitScript;
import io.kubefile.initscript.WorkingCopy;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreLease;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", split = ",",
      description = "Target platform (default: linux/<host arch>); several (repeated or comma-separated) build one"
          + " image index with an image per platform, in parallel.")
  List<String> platforms;

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
    List<Platform> targets = targets();
    boolean multi = targets.size() > 1;
    InitScript script = init ? InitScript.forContext(context.path(), tags == null ? null : tags.get(0),
        initArgs == null ? List.of() : initArgs) : null;
    // Each platform's registry/ holds that platform's images, so each needs its own copy of the
    // context; with --all one registry/ (full indexes) serves every platform.
    boolean copyPerPlatform = init || multi && saveImage && !save.all;
    if (multi && saveImage && !quiet) {
      err.println(save.all
          ? "registry/: one for every platform, with each image's full index (--all)"
          : "registry/: one per platform, each with its own platform's images (--all for full indexes in one)");
      err.flush();
    }
    ImagePuller puller = new ImagePuller(images, registry.sources(progress.listener(quiet, err)));
    PullingBaseImages resolver = new PullingBaseImages(images, puller, PullPolicy.parse(pull));
    BuildStepPrinter steps = new BuildStepPrinter(err);
    WarningPrinter warnings = new WarningPrinter(err);
    List<WorkingCopy> copies = new ArrayList<>();
    try (StoreLease lease = images.lease()) {
      List<KubefileBuilder> parts = new ArrayList<>();
      Integer sharedSaved = null;
      for (Platform target : targets) {
        Path dir = context.path();
        Path instructions = file;
        if (copyPerPlatform) {
          WorkingCopy copy = script != null ? runInit(script, target, images, err)
              : WorkingCopy.linked(context.path(), images.newTempPath("platform-"));
          copies.add(copy);
          dir = copy.path();
          instructions = copy.locate(file);
        }
        KubefileBuilder builder = configure(KubefileBuilder.forContext(dir), images, target, resolver,
            multi ? BuildProgress.NONE : steps, warnings).instructionFile(instructions);
        if (saveImage) {
          save.requireAtLeastOnePullProc(spec);
          if (copyPerPlatform || sharedSaved == null) {
            RegistrySaveStep.Settings settings = save.settings(target, registry, images);
            sharedSaved = RegistrySaveStep.run(dir, settings, quiet, progress.listener(quiet, err), err, warnings)
                .saved().size();
          }
          builder.savedImages(sharedSaved);
        }
        parts.add(builder);
      }
      if (!multi) {
        BuildResult result = parts.get(0).build();
        if (!quiet) {
          steps.committed(result);
        }
        out.println(result.imageId().hex());
      } else {
        MultiPlatformResult result = MultiPlatformBuild.build(images, parts);
        if (!quiet) {
          for (int i = 0; i < targets.size(); i++) {
            err.println(targets.get(i) + ": " + result.platforms().get(i).manifest().digest());
          }
          result.names().forEach(n -> err.println("Successfully tagged " + n));
          err.println("index " + result.index().digest());
          err.flush();
        }
        out.println(result.index().digest().hex());
      }
      out.flush();
      return 0;
    } finally {
      copies.forEach(WorkingCopy::close);
    }
  }

  /** The {@code --platform} values (repeated or comma-separated), in order, each once; else the host. */
  private List<Platform> targets() {
    if (platforms == null || platforms.isEmpty()) {
      return List.of(Platform.host());
    }
    Set<Platform> targets = new LinkedHashSet<>();
    for (String value : platforms) {
      targets.add(PlatformOption.parse(value, spec.commandLine().getErr()));
    }
    return List.copyOf(targets);
  }

  private WorkingCopy runInit(InitScript script, Platform target, ImageStore images, PrintWriter err)
      throws IOException {
    if (!quiet) {
      err.println("bash init.sh " + String.join(" ", script.arguments(target)));
      err.flush();
    }
    return script.run(target, images.newTempPath("init-"), line -> {
      if (!quiet) {
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
        .progress(quiet ? BuildProgress.NONE : steps)
        .downloads(registry.client(progress.listener(quiet, spec.commandLine().getErr())));
    if (tags != null) {
      tags.forEach(builder::tag);
    }
    KeyValueOption.parse(buildArgs, "--build-arg", spec, true).forEach(builder::buildArg);
    KeyValueOption.parse(labels, "--label", spec, false).forEach(builder::label);
    KeyValueOption.parse(env, "--env", spec, true).forEach(builder::env);
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
    return builder;
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
