package io.kubefile.transport;

import io.kubefile.copy.ArchiveSources;
import io.kubefile.copy.BlobCache;
import io.kubefile.copy.CopyOptions;
import io.kubefile.copy.ImageCopier;
import io.kubefile.copy.OpenedImage;
import io.kubefile.copy.StoreImport;
import io.kubefile.copy.StoreSink;
import io.kubefile.copy.TransportSources;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Platform;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.ArchiveSource;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreException;
import io.kubefile.store.StoreLease;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loads every image of an {@code oci-archive} or {@code docker-archive} (plain or gzip tar) into the
 * store: each one is a copy from its archive source ({@link ArchiveSources}) through the one copier,
 * streamed and verified blob by blob, Docker-format images converted to OCI on the way. The names
 * are recorded in one index.json update at the end, so a failure leaves no image half there (only
 * unreferenced blobs that prune removes).
 */
public final class ArchiveLoader {
  private ArchiveLoader() {}

  /**
   * Loads what {@code source} names: every image of an archive ({@code PATH}, {@code
   * oci-archive:PATH}, {@code docker-archive:PATH}), or one image ({@code oci-archive:PATH:NAME},
   * {@code docker-archive:PATH:NAME}, {@code oci:DIR[:REF]}, {@code registry-dir:DIR:NAME}). One
   * image goes in under the name the reference gives, else the names its medium records for it.
   */
  public static List<LoadedImage> load(ImageStore store, TransportReference source) throws IOException {
    switch (source.transport()) {
      case STORE -> {
        return load(store, Path.of(source.name()), null);
      }
      case OCI_ARCHIVE, DOCKER_ARCHIVE -> {
        if (source.name() == null) {
          return load(store, Path.of(source.path()), ArchiveFormat.of(source.transport()));
        }
      }
      case DOCKER -> throw new StoreException("load reads archives, oci: layouts and registry-dir: directories, not "
          + source + " (pull reads registries)");
      default -> { }
    }
    List<String> names = new ArrayList<>();
    try (StoreLease lease = store.lease()) {
      RawManifest root = new StoreImport(store, new TransportSources(store, null))
          .copy(source, CopyOptions.all(Platform.host()), opened -> {
            names.addAll(namesOf(source, opened));
            return names;
          });
      return List.of(new LoadedImage(store.imageOf(root.descriptor()).id(), names));
    }
  }

  /**
   * The names one loaded image is recorded under: the reference's NAME, else the names its archive
   * records, else the name an {@code oci:} layout or {@code registry-dir:} gives it.
   */
  private static List<String> namesOf(TransportReference source, OpenedImage opened) throws IOException {
    String given = source.name() != null ? source.name() : opened.name();
    if (source.name() == null && opened.source() instanceof ArchiveSource archive) {
      return archive.names();
    }
    return given == null ? List.of() : ImageReference.tryParse(given).map(n -> List.of(n.toString())).orElse(List.of());
  }

  /** Every image of an archive file (either format). */
  public static List<LoadedImage> load(ImageStore store, Path archive) throws IOException {
    return load(store, archive, null);
  }

  private static ExecutorService newWorkers() {
    return Executors.newFixedThreadPool(2, task -> {
      Thread thread = new Thread(task, "kubefile-load");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** @param format the format the archive must have; null takes either */
  private static List<LoadedImage> load(ImageStore store, Path archive, ArchiveFormat format) throws IOException {
    // The lease keeps prune away from the work dir and from blobs imported but not yet named.
    ExecutorService workers = newWorkers();
    try (StoreLease lease = store.lease();
        TarArchive tar = TarArchive.open(archive, store.newTempPath("load-"))) {
      ImageCopier copier = new ImageCopier(new BlobCache(store), workers);
      Map<String, Descriptor> named = new LinkedHashMap<>();
      List<Descriptor> unnamed = new ArrayList<>();
      List<Descriptor> roots = new ArrayList<>();
      List<List<String>> names = new ArrayList<>();
      for (ArchiveSource image : ArchiveSources.all(tar, format)) {
        StoreSink sink = StoreSink.withoutNaming(store);
        copier.copy(image, sink, CopyOptions.all(Platform.host()));
        Descriptor root = sink.committed();
        List<String> imageNames = image.names();
        imageNames.forEach(name -> named.put(name, root));
        if (imageNames.isEmpty()) {
          unnamed.add(root);
        }
        roots.add(root);
        names.add(imageNames);
      }
      store.record(named, unnamed);
      List<LoadedImage> loaded = new ArrayList<>();
      for (int i = 0; i < roots.size(); i++) {
        loaded.add(new LoadedImage(store.imageOf(roots.get(i)).id(), names.get(i)));
      }
      return loaded;
    } finally {
      workers.shutdownNow();
    }
  }
}
