package io.kubefile.builder;

import io.kubefile.image.ImageReference;
import io.kubefile.image.NoMatchingPlatformException;
import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.util.Optional;

/**
 * Resolves FROM images from the local store, for the build's platform; images that are not there,
 * or are there only for another platform, are an error to fix (never another platform's layers
 * under a config that names the build's).
 */
public final class StoreBaseImages implements BaseImageResolver {
  private final ImageStore store;

  public StoreBaseImages(ImageStore store) {
    this.store = store;
  }

  @Override
  public BaseImage resolve(String reference, Platform platform) throws IOException {
    String name;
    try {
      name = ImageReference.parse(reference).toString();
    } catch (ImageReference.InvalidReferenceException e) {
      throw new BuildException(e.getMessage());
    }
    Optional<StoredImage> stored = store.findByName(name);
    if (stored.isEmpty()) {
      throw new BuildException("base image " + name + " is not in the local store;"
          + " pull it first (kubefile pull " + reference + ") or load it (kubefile load -i FILE)");
    }
    StoredImage image;
    try {
      image = store.imageOf(stored.get().entry(), platform);
    } catch (NoMatchingPlatformException e) {
      throw new BuildException("base image " + name + ": " + e.getMessage() + "; pull the " + platform
          + " image (kubefile pull --platform " + platform + " " + reference + ") or build for the base's platform");
    }
    return new BaseImage(name, image.manifestDescriptor(), image.manifest(), image.config());
  }
}
