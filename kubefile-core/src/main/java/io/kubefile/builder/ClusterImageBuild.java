package io.kubefile.builder;

import io.kubefile.save.RegistrySaver;
import io.kubefile.save.SaveReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The sealos build pipeline as one call, for library users and the CLI alike: find the images the
 * context references, save them into {@code CONTEXT/registry} ({@link RegistrySaver#saveContextImages}),
 * then build the Kubefile ({@link KubefileBuilder}), which copies {@code registry/} into the image and
 * warns when saved images would not reach it. Without a saver ({@code --save-image=false}) only the
 * build runs.
 *
 * <pre>{@code
 * ImageStore store = ImageStore.open(ImageStore.defaultRoot(System.getenv()));
 * BuildResult result = ClusterImageBuild.of(
 *         KubefileBuilder.forContext(context).store(store).tag("example/hello:v1"),
 *         RegistrySaver.builder().registryDirectory(context.resolve("registry")).context(context)
 *             .client(RegistryClient.builder().build()).blobCache(store).build())
 *     .build();
 * }</pre>
 */
public final class ClusterImageBuild {
  private final KubefileBuilder builder;
  private final RegistrySaver saver;
  private SaveReport saved;

  private ClusterImageBuild(KubefileBuilder builder, RegistrySaver saver) {
    this.builder = Objects.requireNonNull(builder, "builder");
    this.saver = saver;
  }

  /**
   * @param builder the configured build of the context
   * @param saver how to save the context's images into its {@code registry/}; null to build without saving
   */
  public static ClusterImageBuild of(KubefileBuilder builder, RegistrySaver saver) {
    return new ClusterImageBuild(builder, saver);
  }

  /** Saves the context's images (once; later calls return the same report), without building. */
  public SaveReport saveImages() throws IOException {
    if (saved == null) {
      saved = saver == null ? SaveReport.empty() : saver.saveContextImages();
    }
    return saved;
  }

  /** Saves the context's images unless built without a saver, then builds. */
  public BuildResult build() throws IOException {
    saveForBuild();
    return builder.build();
  }

  /**
   * Saves, then builds one platform's part of a multi-platform build ({@link KubefileBuilder#buildPart}),
   * so that {@link MultiPlatformBuild} runs each platform's save and build together, beside the others'.
   */
  public BuildResult buildPart() throws IOException {
    saveForBuild();
    return builder.buildPart();
  }

  /** The build of the context, configured for its platform. */
  public KubefileBuilder builder() {
    return builder;
  }

  private void saveForBuild() throws IOException {
    if (saver != null) {
      builder.savedImages(saveImages().saved().size());
    }
  }
}
