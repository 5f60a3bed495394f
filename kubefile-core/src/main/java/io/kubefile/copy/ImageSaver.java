package io.kubefile.copy;

import io.kubefile.KubefileException;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageReference;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.NoMatchingPlatformException;
import io.kubefile.image.Platform;
import io.kubefile.image.PlatformSelector;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySink;
import io.kubefile.image.access.TransportReference;
import io.kubefile.registrydir.RegistryDirectory;
import io.kubefile.registrydir.RepositoryNaming;
import io.kubefile.store.ImageNotKnownException;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreLease;
import io.kubefile.store.StoredImage;
import io.kubefile.transport.ArchiveFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * {@code save}: stored images to an {@code oci-archive:}, a {@code docker-archive:}, an {@code
 * oci:} layout or a {@code registry-dir:} directory, each image one copy through the one copier
 * ({@link ImageCopier}) into that medium's sink. Images named twice are written once, with both
 * names; an image given by ID goes out unnamed (a {@code registry-dir:} needs a name).
 */
public final class ImageSaver {
  private final ImageStore store;

  public ImageSaver(ImageStore store) {
    this.store = store;
  }

  /** Saves the images, each under its names, to an archive file at {@code archive}. */
  public List<RawManifest> save(ArchiveFormat format, List<String> namesOrIds, Path archive) throws IOException {
    return save(namesOrIds, format.reference(archive), null);
  }

  /**
   * Saves the images.
   *
   * @param namesOrIds exact full names or IDs of stored images
   * @param destination where to; a NAME in it ({@code oci-archive:PATH:NAME}) is the name the one
   *     image is saved under, instead of its own
   * @param platform the platform to save of a multi-platform image; null keeps the whole index (a
   *     docker-archive, which holds one platform, then takes the only platform stored, else fails)
   * @return the root manifest written for each image
   */
  public List<RawManifest> save(List<String> namesOrIds, TransportReference destination, Platform platform)
      throws IOException {
    Map<StoredImage, List<String>> images = resolve(namesOrIds);
    if (destination.name() != null) {
      if (images.size() != 1) {
        throw new KubefileException("save to " + destination + ": a name in the destination names one image, not "
            + images.size() + "; save to " + destination.transport().prefix() + destination.path() + " instead");
      }
      images.replaceAll((image, names) -> List.of(ArchiveEntries.entryName(destination.name())));
    }
    ExecutorService workers = BlobWorkers.newPool();
    try (StoreLease lease = store.lease()) {
      ImageCopier copier = new ImageCopier(new BlobCache(store), workers);
      List<RawManifest> saved = new ArrayList<>();
      switch (destination.transport()) {
        case OCI_ARCHIVE, DOCKER_ARCHIVE -> {
          try (ArchiveSink archive = ArchiveSink.create(ArchiveFormat.of(destination.transport()),
              Path.of(destination.path()))) {
            for (Map.Entry<StoredImage, List<String>> image : images.entrySet()) {
              saved.add(copy(copier, image.getKey(), archive.image(image.getValue()), platform));
            }
            archive.finish();
          }
        }
        case OCI -> {
          ImageStore layout = ImageStore.open(Path.of(destination.path()));
          for (Map.Entry<StoredImage, List<String>> image : images.entrySet()) {
            saved.add(copy(copier, image.getKey(), new StoreSink(layout, image.getValue()), platform));
          }
        }
        case REGISTRY_DIR -> {
          RegistryDirectory directory = RegistryDirectory.open(Path.of(destination.path()));
          for (Map.Entry<StoredImage, List<String>> image : images.entrySet()) {
            if (image.getValue().isEmpty()) {
              throw new KubefileException("save to " + destination + ": image " + image.getKey().id().shortHex()
                  + " has no name to store it under; name it as registry-dir:DIR:NAME");
            }
            for (String name : image.getValue()) {
              saved.add(copy(copier, image.getKey(), new RegistryDirectorySink(directory,
                  RepositoryNaming.targetOf(ImageReference.parse(name))), platform));
            }
          }
        }
        case DOCKER, STORE -> throw new KubefileException("save writes oci-archive:PATH, docker-archive:PATH,"
            + " oci:DIR or registry-dir:DIR, not " + destination + " (push sends images to registries)");
      }
      return saved;
    } finally {
      workers.shutdownNow();
    }
  }

  private RawManifest copy(ImageCopier copier, StoredImage image, CopySink sink, Platform platform)
      throws IOException {
    return copier.copy(new StoreSource(store, image), sink, options(image, sink, platform));
  }

  /**
   * The whole index, unless a platform is asked for (checked against what the store holds, so a
   * missing platform is named with the stored ones) or the sink holds one platform.
   */
  private CopyOptions options(StoredImage image, CopySink sink, Platform platform) throws IOException {
    if (platform != null) {
      store.imageOf(image.entry(), platform);
      return CopyOptions.exactly(platform);
    }
    if (sink.holdsIndexes() || !MediaTypes.isIndex(image.entry().mediaType())) {
      return CopyOptions.all(Platform.host());
    }
    List<Descriptor> stored = store.storedPlatforms(image.entry());
    if (stored.size() != 1) {
      String name = image.name() != null ? image.name() : image.entry().digest().toString();
      throw new NoMatchingPlatformException(name + " is a multi-platform image ("
          + PlatformSelector.platformsOf(stored) + ") and a docker-archive holds one platform: choose it with --platform");
    }
    return CopyOptions.forPlatform(stored.get(0).platform());
  }

  /** Full names or IDs, each image once: a name goes out under itself, an ID under no name. */
  private Map<StoredImage, List<String>> resolve(List<String> namesOrIds) throws IOException {
    if (namesOrIds.isEmpty()) {
      throw new IllegalArgumentException("no image to save");
    }
    Map<String, StoredImage> byEntry = new LinkedHashMap<>();
    Map<StoredImage, List<String>> result = new LinkedHashMap<>();
    for (String nameOrId : namesOrIds) {
      StoredImage image = store.resolve(nameOrId).orElseThrow(() -> new ImageNotKnownException(nameOrId));
      StoredImage first = byEntry.putIfAbsent(image.entry().digest().toString(), image);
      List<String> names = result.computeIfAbsent(first == null ? image : first, k -> new ArrayList<>());
      if (store.findByName(nameOrId).isPresent() && !names.contains(nameOrId)) {
        names.add(nameOrId);
      }
    }
    return result;
  }
}
