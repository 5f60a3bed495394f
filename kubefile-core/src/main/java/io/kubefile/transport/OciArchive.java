package io.kubefile.transport;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.store.ImageStore;
import io.kubefile.store.ReachableBlobs;
import io.kubefile.store.StoreLease;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code oci-archive}: a tar of an OCI image layout. Each name is an index.json entry with
 * {@code org.opencontainers.image.ref.name} (what skopeo's {@code oci-archive:FILE:NAME} matches) and
 * {@code io.containerd.image.name} (what containerd and podman restore on import) set to the full
 * name. Multi-arch images keep their image index.
 */
public final class OciArchive {
  public static final String CONTAINERD_NAME = "io.containerd.image.name";

  private OciArchive() {}

  public static void save(ImageStore store, List<String> namesOrIds, Path out) throws IOException {
    Map<StoredImage, List<String>> images = ArchiveImages.resolve(store, namesOrIds);
    List<Descriptor> entries = new ArrayList<>();
    for (Map.Entry<StoredImage, List<String>> image : images.entrySet()) {
      Descriptor entry = image.getKey().entry().withAnnotations(Map.of());
      if (image.getValue().isEmpty()) {
        entries.add(entry);
      }
      for (String name : image.getValue()) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(CONTAINERD_NAME, name);
        annotations.put(ImageStore.REF_NAME, name);
        entries.add(entry.withAnnotations(annotations));
      }
    }
    try (StoreLease lease = store.lease()) {
    Map<Digest, Descriptor> blobs = ReachableBlobs.from(store, entries, true);
    io.kubefile.files.AtomicFiles.write(
        out,
        stream -> {
          try (TarWriter tar = new TarWriter(stream)) {
            tar.bytes("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            tar.bytes("index.json", Json.bytes(ImageIndex.oci(entries)));
            tar.directory("blobs");
            tar.directory("blobs/sha256");
            for (Digest digest : blobs.keySet()) {
              tar.file("blobs/sha256/" + digest.hex(), store.blobPath(digest));
            }
          }
        });
    }
  }
}
