package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageReference;
import io.kubefile.image.access.ArchiveSource;
import io.kubefile.image.access.TransportReference;
import io.kubefile.registrydir.RegistryDirectory;
import io.kubefile.registrydir.RepositoryNaming;
import io.kubefile.store.ImageNotKnownException;
import io.kubefile.store.ImageStore;
import io.kubefile.store.NameLookup;
import io.kubefile.store.StoreException;
import io.kubefile.store.StoredImage;
import io.kubefile.transport.ArchiveFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens any {@link TransportReference} as a copy source, with the one adapter per medium: a
 * registry (through registries.conf), the local store or an {@code oci:} layout ({@link
 * StoreSource}), an oci-archive or docker-archive ({@link ArchiveSources}), a {@code registry/}
 * directory ({@link RegistryDirectorySource}).
 */
public final class TransportSources {
  private final ImageStore store;
  private final RegistrySources registries;

  /** @param registries how to reach registries; null when the command reads none */
  public TransportSources(ImageStore store, RegistrySources registries) {
    this.store = store;
    this.registries = registries;
  }

  public OpenedImage open(TransportReference reference) throws IOException {
    return switch (reference.transport()) {
      case DOCKER -> {
        if (registries == null) {
          throw new StoreException("this command does not read registries: " + reference);
        }
        yield new OpenedImage(registries.open(ImageReference.parse(reference.name())), reference.name());
      }
      case STORE -> {
        StoredImage image = NameLookup.find(store, reference.name())
            .orElseThrow(() -> new ImageNotKnownException(reference.name()));
        yield new OpenedImage(new StoreSource(store, image), image.name() != null ? image.name() : reference.name());
      }
      case OCI -> openLayout(reference);
      case REGISTRY_DIR -> {
        if (reference.name() == null) {
          throw new StoreException(reference + " names no image: give one as registry-dir:DIR:NAME[:TAG]");
        }
        Path dir = Path.of(reference.path());
        if (!Files.isDirectory(dir.resolve("docker/registry/v2"))) {
          throw new StoreException("not a registry directory (no docker/registry/v2): " + reference);
        }
        ImageReference name = ImageReference.parse(reference.name());
        yield new OpenedImage(new RegistryDirectorySource(RegistryDirectory.open(dir), RepositoryNaming.targetOf(name)),
            name.toString());
      }
      case OCI_ARCHIVE, DOCKER_ARCHIVE -> {
        ArchiveSource source = ArchiveSources.open(Path.of(reference.path()), ArchiveFormat.of(reference.transport()),
            reference.name(),
            store.newTempPath("archive-"));
        yield new OpenedImage(source, source.embeddedName().orElse(reference.toString()));
      }
    };
  }

  /** An image of an OCI layout directory, by its ref.name (exact or normalized), else its only image. */
  private OpenedImage openLayout(TransportReference reference) throws IOException {
    Path dir = Path.of(reference.path());
    if (!Files.isRegularFile(dir.resolve("index.json"))) {
      throw new StoreException("not an OCI image layout (no index.json): " + reference);
    }
    ImageStore layout = ImageStore.openExisting(dir);
    StoredImage image;
    if (reference.name() != null) {
      image = NameLookup.candidates(reference.name()).stream()
          .map(candidate -> findQuietly(layout, candidate))
          .filter(java.util.Objects::nonNull)
          .findFirst()
          .orElseThrow(() -> new ImageNotKnownException(reference.toString()));
    } else {
      List<Descriptor> entries = layout.indexEntries();
      if (entries.size() != 1) {
        throw new StoreException(reference + " holds " + entries.size() + " images: name one as oci:DIR:NAME");
      }
      image = layout.imageOf(entries.get(0));
    }
    return new OpenedImage(new StoreSource(layout, image), image.name() != null && image.name().contains("/")
        ? image.name() : reference.toString());
  }

  private static StoredImage findQuietly(ImageStore layout, String name) {
    try {
      return layout.findByName(name).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
