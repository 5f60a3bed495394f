package io.kubefile.copy;

import io.kubefile.KubefileException;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageReference;
import io.kubefile.image.NoMatchingPlatformException;
import io.kubefile.image.Platform;
import io.kubefile.image.access.CopySource;
import io.kubefile.store.ImageNotKnownException;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreException;
import io.kubefile.store.StoreLease;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Pulls images from registries into the local store under their normalized name, as {@code
 * podman pull} does: the policy decides whether the registry is asked at all, and blobs the store
 * already has are never downloaded again.
 */
public final class ImagePuller {
  private static final System.Logger LOG = System.getLogger(ImagePuller.class.getName());

  private final ImageStore store;
  private final RegistrySources sources;

  public ImagePuller(ImageStore store, RegistrySources sources) {
    this.store = store;
    this.sources = sources;
  }

  public PullResult pull(ImageReference reference, PullPolicy policy, CopyOptions options) throws IOException {
    String name = reference.toString();
    Optional<StoredImage> local = store.findByName(name);
    if (local.isPresent() && options.requireMatch() && policy != PullPolicy.NEVER
        && !isFor(local.get(), options.platform())) {
      local = Optional.empty(); // another platform's image under that name: pull the right one
    }
    switch (policy) {
      case NEVER -> {
        StoredImage stored = local.orElseThrow(() -> new ImageNotKnownException(
            name + " (the pull policy is \"never\", so it is not pulled)"));
        if (options.requireMatch()) {
          store.imageOf(stored.entry(), options.platform()); // another platform's image: an error naming both
        }
        return new PullResult(name, stored, false);
      }
      case MISSING -> {
        if (local.isPresent()) {
          return new PullResult(name, local.get(), false);
        }
      }
      case NEWER -> {
        if (local.isPresent() && isCurrent(reference, local.get())) {
          return new PullResult(name, local.get(), false);
        }
      }
      case ALWAYS -> { }
    }
    return new PullResult(name, copyIntoStore(reference, name, options), true);
  }

  /** Whether the stored image is (or its index holds) the image for {@code platform}. */
  private boolean isFor(StoredImage image, Platform platform) throws IOException {
    try {
      store.imageOf(image.entry(), platform);
      return true;
    } catch (NoMatchingPlatformException e) {
      return false;
    }
  }

  /**
   * Whether the registry still serves what the store holds. When the registry cannot be asked, the
   * stored image will do: "newer" must not turn an offline build into a failing one.
   */
  private boolean isCurrent(ImageReference reference, StoredImage local) {
    try {
      Optional<Descriptor> remote = sources.head(reference);
      return remote.isPresent() && (remote.get().digest().equals(local.entry().digest())
          || remote.get().digest().equals(local.manifestDescriptor().digest()));
    } catch (IOException | KubefileException e) {
      LOG.log(Level.WARNING, "cannot check {0} for a newer image ({1}); using the stored one",
          reference, e.getMessage());
      return true;
    }
  }

  private StoredImage copyIntoStore(ImageReference reference, String name, CopyOptions options) throws IOException {
    ExecutorService workers = BlobWorkers.newPool();
    try (StoreLease lease = store.lease()) {
      CopySource source = sources.open(reference);
      new ImageCopier(new BlobCache(store), workers).copy(source, new StoreSink(store, List.of(name)), options);
      return store.findByName(name).orElseThrow(
          () -> new StoreException("pulled " + name + " but the store does not list it"));
    } finally {
      workers.shutdownNow();
    }
  }
}
