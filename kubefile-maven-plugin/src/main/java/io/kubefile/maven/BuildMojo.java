package io.kubefile.maven;

import io.kubefile.builder.BuildProgress;
import io.kubefile.builder.BuildResult;
import io.kubefile.builder.ClusterImageBuild;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.builder.MultiPlatformBuild;
import io.kubefile.builder.MultiPlatformResult;
import io.kubefile.builder.PullingBaseImages;
import io.kubefile.copy.ImagePuller;
import io.kubefile.copy.PullPolicy;
import io.kubefile.image.Platform;
import io.kubefile.save.RegistrySaver;
import io.kubefile.store.ImageStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code kubefile:build}: saves the images the context references into {@code registry/}, then builds
 * the cluster image into the local store, as {@code kubefile build} does. Bound to {@code package}.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class BuildMojo extends KubefileMojo {
  /** The build context: Kubefile, manifests/, charts/, images/shim/, ... */
  @Parameter(property = "kubefile.context", defaultValue = "${project.basedir}")
  File contextDirectory;

  /** Instruction file (default: the first of Sealfile, Kubefile, Dockerfile, Containerfile in the context). */
  @Parameter(property = "kubefile.file")
  File file;

  /** Names of the image. */
  @Parameter(property = "kubefile.tags", defaultValue = "${project.artifactId}:${project.version}")
  List<String> tags;

  /** Build arguments (ARG values). */
  @Parameter
  Map<String, String> buildArgs;

  /** Labels added to the image. */
  @Parameter
  Map<String, String> labels;

  /** Target platforms, OS/ARCH[/VARIANT] (default: linux/host architecture); several build an image index. */
  @Parameter(property = "kubefile.platforms")
  List<String> platforms;

  /** Save the referenced images into the context's registry/ first. */
  @Parameter(property = "kubefile.saveImage", defaultValue = "true")
  boolean saveImage;

  /** FROM images: missing (default), always, newer, never. */
  @Parameter(property = "kubefile.pull", defaultValue = "missing")
  String pull;

  @Override
  void run() throws IOException, MojoFailureException {
    Path context = contextDirectory.toPath();
    List<Platform> targets = platforms == null || platforms.isEmpty()
        ? List.of(Platform.host())
        : platforms.stream().map(Platform::parse).toList();
    boolean multi = targets.size() > 1;
    ImageStore store = store();
    PullingBaseImages baseImages = new PullingBaseImages(store, new ImagePuller(store, sources()), PullPolicy.parse(pull));
    // Several platforms share one registry/ holding every platform of each image (the CLI's --all).
    RegistrySaver saver = saveImage ? saver(context, context.resolve("registry"), targets.get(0), multi, store) : null;
    Consumer<String> warnings = new Once(getLog()::warn);
    List<KubefileBuilder> parts = new ArrayList<>();
    for (Platform target : targets) {
      KubefileBuilder builder = KubefileBuilder.forContext(context)
          .store(store)
          .platform(target)
          .baseImages(baseImages)
          .instructionFile(file == null ? null : file.toPath())
          .warnings(warnings)
          .progress(multi ? BuildProgress.NONE : steps());
      tags.forEach(builder::tag);
      (buildArgs == null ? Map.<String, String>of() : buildArgs).forEach(builder::buildArg);
      (labels == null ? Map.<String, String>of() : labels).forEach(builder::label);
      parts.add(builder);
    }
    if (multi) {
      int saved = ClusterImageBuild.of(parts.get(0), saver).saveImages().saved().size();
      if (saver != null) {
        parts.forEach(part -> part.savedImages(saved));
      }
      MultiPlatformResult result = MultiPlatformBuild.build(store, parts);
      result.names().forEach(name -> getLog().info("Built " + name + " (index " + result.index().digest() + ", "
          + targets.size() + " platforms)"));
    } else {
      BuildResult result = ClusterImageBuild.of(parts.get(0), saver).build();
      result.names().forEach(name -> getLog().info("Built " + name + " (" + result.imageId().shortHex() + ")"));
    }
  }

  /** The steps in the build log, in buildah's shape as the CLI prints them. */
  private BuildProgress steps() {
    return new BuildProgress() {
      @Override
      public void step(Step step) {
        getLog().info((step.stages() > 1 ? "[" + step.stage() + "/" + step.stages() + "] " : "")
            + "STEP " + step.step() + "/" + step.steps() + ": " + step.instruction().original());
      }
    };
  }

  /** Each warning once, though every platform's build finds it. */
  private static final class Once implements Consumer<String> {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Consumer<String> log;

    Once(Consumer<String> log) {
      this.log = log;
    }

    @Override
    public void accept(String warning) {
      if (seen.add(warning)) {
        log.accept(warning);
      }
    }
  }
}
