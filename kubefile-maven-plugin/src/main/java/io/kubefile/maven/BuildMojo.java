package io.kubefile.maven;

import io.kubefile.builder.BuildProgress;
import io.kubefile.builder.BuildResult;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.builder.PullingBaseImages;
import io.kubefile.copy.ImagePuller;
import io.kubefile.copy.PullPolicy;
import io.kubefile.discovery.ImageDiscovery;
import io.kubefile.image.Platform;
import io.kubefile.save.SaveReport;
import io.kubefile.store.ImageStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

  /** Target platform, OS/ARCH[/VARIANT] (default: linux/host architecture); one for now. */
  @Parameter(property = "kubefile.platforms")
  List<String> platforms;

  /** Save the referenced images into the context's registry/ first. */
  @Parameter(property = "kubefile.saveImage", defaultValue = "true")
  boolean saveImage;

  /** FROM images: missing (default), always, newer, never. */
  @Parameter(property = "kubefile.pull", defaultValue = "missing")
  String pull;

  @Parameter(defaultValue = "${project.version}", readonly = true)
  String projectVersion;

  @Override
  void run() throws IOException, MojoFailureException {
    Path context = contextDirectory.toPath();
    Platform platform = platform();
    ImageStore store = store();
    KubefileBuilder builder = KubefileBuilder.forContext(context)
        .store(store)
        .platform(platform)
        .baseImages(new PullingBaseImages(store, new ImagePuller(store, sources()), PullPolicy.parse(pull)))
        .instructionFile(file == null ? null : file.toPath())
        .warnings(getLog()::warn)
        .progress(new BuildProgress() {
          @Override
          public void step(Step step) {
            getLog().info((step.stages() > 1 ? "[" + step.stage() + "/" + step.stages() + "] " : "")
                + "STEP " + step.step() + "/" + step.steps() + ": " + step.instruction().original());
          }
        });
    tags.forEach(builder::tag);
    (buildArgs == null ? Map.<String, String>of() : buildArgs).forEach(builder::buildArg);
    (labels == null ? Map.<String, String>of() : labels).forEach(builder::label);
    if (saveImage) {
      SaveReport saved = saveImages(context, context.resolve("registry"), ImageDiscovery.discover(context).images(),
          platform, store);
      builder.savedImages(saved.saved().size());
    }
    BuildResult result = builder.build();
    for (String name : result.names()) {
      getLog().info("Built " + name + " (" + result.imageId().shortHex() + ")");
    }
  }

  private Platform platform() throws MojoFailureException {
    if (platforms == null || platforms.isEmpty()) {
      return Platform.host();
    }
    if (platforms.size() > 1) {
      throw new MojoFailureException("platforms: one platform per build for now, not " + platforms);
    }
    return Platform.parse(platforms.get(0));
  }
}
