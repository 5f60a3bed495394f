package io.kubefile.save;

import io.kubefile.copy.ArchiveSources;
import io.kubefile.copy.RegistrySources;
import io.kubefile.discovery.ImageLocation;
import io.kubefile.image.access.CopySource;
import io.kubefile.store.ImageStore;
import io.kubefile.transport.ArchiveFormat;
import java.io.IOException;
import java.nio.file.Path;

/** Turns where an image is ({@link ImageLocation}) into something to copy it from. */
final class SourceOpener {
  private final RegistrySources sources;
  private final ImageStore store;
  private final Path context;

  /** @param context the directory archive paths are relative to (the build context) */
  SourceOpener(RegistrySources sources, ImageStore store, Path context) {
    this.sources = sources;
    this.store = store;
    this.context = context;
  }

  CopySource open(ImageLocation location) throws IOException {
    return switch (location.transport()) {
      case REGISTRY -> sources.open(location.reference());
      case DOCKER_ARCHIVE -> ArchiveSources.openToSaveAs(archivePath(location), ArchiveFormat.DOCKER_ARCHIVE, wantedName(location), workDirectory());
      case OCI_ARCHIVE -> ArchiveSources.openToSaveAs(archivePath(location), ArchiveFormat.OCI_ARCHIVE, wantedName(location), workDirectory());
      // Reading another engine's storage would mean running (or re-implementing) that engine.
      case CONTAINERS_STORAGE, DOCKER_DAEMON -> throw new IOException(
          location.transport().prefix() + " images live in a container engine's storage, and kubefile uses no"
              + " container engine; export the image to an archive (docker save -o images/skopeo/NAME.tar IMAGE, or"
              + " podman save) and list it in images/skopeo/tar.txt as docker-archive:NAME.tar@" + location.reference()
              + ", or reference it from a registry");
    };
  }

  private Path archivePath(ImageLocation location) {
    return context.resolve(location.archive()).normalize();
  }

  private static String wantedName(ImageLocation location) {
    return location.reference() == null ? null : location.reference().toString();
  }

  private Path workDirectory() throws IOException {
    return store.newTempPath("archive-");
  }
}
