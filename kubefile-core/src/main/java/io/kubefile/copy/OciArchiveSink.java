package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.RawManifest;
import io.kubefile.store.ImageStore;
import io.kubefile.transport.ArchiveFormat;
import io.kubefile.transport.OciArchive;
import io.kubefile.transport.TarWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@code oci-archive} being written: a tar of an OCI image layout. Each name of an image is one
 * index.json entry with {@code org.opencontainers.image.ref.name} (what skopeo's {@code
 * oci-archive:FILE:NAME} matches) and {@code io.containerd.image.name} (what containerd and podman
 * restore on import) set to the full name; an unnamed image is one entry without them. A
 * multi-platform image keeps its index. Manifests are kept in memory (they are small), blobs as
 * files until {@link #finish()}.
 */
public final class OciArchiveSink extends ArchiveSink {
  private final Map<Digest, byte[]> manifests = new TreeMap<>();
  private final List<Descriptor> entries = new ArrayList<>();

  OciArchiveSink(Path target) {
    super(target);
  }

  @Override
  public ArchiveFormat format() {
    return ArchiveFormat.OCI_ARCHIVE;
  }

  @Override
  synchronized void putManifest(RawManifest manifest) {
    manifests.put(manifest.digest(), manifest.bytes());
  }

  @Override
  synchronized void commit(RawManifest root, List<String> names) {
    Descriptor entry = root.descriptor();
    if (names.isEmpty() && !entries.contains(entry)) {
      entries.add(entry);
    }
    for (String name : names) {
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put(OciArchive.CONTAINERD_NAME, name);
      annotations.put(ImageStore.REF_NAME, name);
      Descriptor named = entry.withAnnotations(annotations);
      if (!entries.contains(named)) {
        entries.add(named);
      }
    }
  }

  @Override
  synchronized void writeTo(TarWriter tar) throws IOException {
    tar.bytes("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    tar.bytes("index.json", Json.bytes(ImageIndex.oci(entries)));
    tar.directory("blobs");
    tar.directory("blobs/sha256");
    Map<Digest, Path> files = new TreeMap<>();
    for (Descriptor entry : entries) {
      collect(entry.digest(), files);
    }
    for (Map.Entry<Digest, byte[]> manifest : manifests.entrySet()) {
      tar.bytes(blobPath(manifest.getKey()), manifest.getValue());
    }
    for (Map.Entry<Digest, Path> blob : files.entrySet()) {
      tar.file(blobPath(blob.getKey()), blob.getValue());
    }
  }

  /** The config and layer files an entry's manifests reference (each manifest was put, by the copier). */
  private void collect(Digest manifestDigest, Map<Digest, Path> files) {
    byte[] bytes = manifests.get(manifestDigest);
    RawManifest manifest = new RawManifest(bytes, io.kubefile.image.MediaTypes.detect(null, bytes), manifestDigest);
    if (manifest.isIndex()) {
      for (Descriptor child : manifest.asIndex().manifests()) {
        if (manifests.containsKey(child.digest())) {
          collect(child.digest(), files);
        }
      }
      return;
    }
    var image = manifest.asManifest();
    files.put(image.config().digest(), blob(image.config().digest()));
    for (Descriptor layer : image.layers()) {
      if (!ImageCopier.isForeign(layer)) {
        files.put(layer.digest(), blob(layer.digest()));
      }
    }
  }

  private static String blobPath(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }
}
