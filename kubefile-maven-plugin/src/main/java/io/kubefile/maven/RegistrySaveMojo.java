package io.kubefile.maven;

import io.kubefile.image.Platform;
import io.kubefile.save.SaveReport;
import io.kubefile.save.SavedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code kubefile:registry-save}: the images the context references into its registry/, as {@code kubefile registry save}. */
@Mojo(name = "registry-save", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public final class RegistrySaveMojo extends KubefileMojo {
  @Parameter(property = "kubefile.context", defaultValue = "${project.basedir}")
  File contextDirectory;

  /** Where to save (default: the context's registry/). */
  @Parameter(property = "kubefile.registryDir")
  File registryDirectory;

  /** Platform to take from multi-platform images, OS/ARCH[/VARIANT] (default: linux/host architecture). */
  @Parameter(property = "kubefile.platform")
  String platform;

  /** Save multi-platform images with every platform. */
  @Parameter(property = "kubefile.all", defaultValue = "false")
  boolean all;

  @Override
  void run() throws IOException {
    Path context = contextDirectory.toPath();
    Path target = registryDirectory != null ? registryDirectory.toPath() : context.resolve("registry");
    SaveReport report = saver(context, target, platform == null ? Platform.host() : Platform.parse(platform), all, store())
        .saveContextImages();
    for (SavedImage saved : report.saved()) {
      getLog().info(saved.target() + " " + saved.manifestDigest());
    }
  }
}
