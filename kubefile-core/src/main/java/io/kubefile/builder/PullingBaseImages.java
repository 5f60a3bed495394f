package io.kubefile.builder;

import io.kubefile.KubefileException;
import io.kubefile.copy.CopyOptions;
import io.kubefile.copy.ImagePuller;
import io.kubefile.copy.PullPolicy;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Resolves {@code FROM} and {@code COPY --from=<image>} images through the local store, pulling
 * them first as the build's {@code --pull} policy says. Each image is pulled at most once per
 * build, even with policy "always" and several stages naming it.
 */
public final class PullingBaseImages implements BaseImageResolver {
  private final ImagePuller puller;
  private final PullPolicy policy;
  private final StoreBaseImages stored;
  private final Set<String> pulledInThisBuild = new HashSet<>();

  public PullingBaseImages(ImageStore store, ImagePuller puller, PullPolicy policy) {
    this.puller = puller;
    this.policy = policy;
    this.stored = new StoreBaseImages(store);
  }

  @Override
  public synchronized BaseImage resolve(String reference, Platform platform) throws IOException {
    ImageReference parsed;
    try {
      parsed = ImageReference.parse(reference);
    } catch (ImageReference.InvalidReferenceException e) {
      throw new BuildException(e.getMessage());
    }
    String key = parsed + " " + platform;
    if (pulledInThisBuild.add(key)) {
      try {
        puller.pull(parsed, policy, CopyOptions.exactly(platform));
      } catch (IOException | KubefileException e) {
        throw new BuildException("base image " + parsed + ": " + e.getMessage(), e);
      }
    }
    return stored.resolve(reference, platform);
  }
}
