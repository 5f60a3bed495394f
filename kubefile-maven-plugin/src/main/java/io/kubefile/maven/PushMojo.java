package io.kubefile.maven;

import io.kubefile.copy.ImagePusher;
import io.kubefile.copy.RegistrySink;
import io.kubefile.image.ImageReference;
import io.kubefile.image.RawManifest;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code kubefile:push}: stored images to their registries, as {@code kubefile push}. Bound to {@code deploy}. */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public final class PushMojo extends KubefileMojo {
  /** The stored images to push, each to the registry its name says. */
  @Parameter(property = "kubefile.tags", defaultValue = "${project.artifactId}:${project.version}")
  List<String> tags;

  /** Push every platform of a multi-platform image. */
  @Parameter(property = "kubefile.all", defaultValue = "false")
  boolean all;

  @Override
  void run() throws IOException, MojoFailureException {
    ImageStore store = store();
    for (String tag : tags) {
      ImageReference target = ImageReference.parse(tag);
      StoredImage image = store.findByName(target.toString())
          .orElseThrow(() -> new MojoFailureException("push: no image " + target + " in the store " + store.root()));
      RawManifest pushed = new ImagePusher(store).push(image, new RegistrySink(client(), target), all);
      getLog().info("Pushed " + target.name() + "@" + pushed.digest());
    }
  }
}
