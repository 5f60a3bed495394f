package io.kubefile.transport;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.store.BlobInfo;
import io.kubefile.store.ImageStore;
import io.kubefile.store.ReachableBlobs;
import io.kubefile.store.StoreException;
import io.kubefile.store.StoreLease;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Loads an {@code oci-archive} or {@code docker-archive} (plain or gzip tar) into the store. The
 * archive is extracted into the store's temp directory, every blob is verified against its digest
 * and hard-linked in, and index.json is updated once at the end, so a failure leaves no image half
 * there (only unreferenced blobs that prune removes).
 */
public final class ArchiveLoader {
  private static final Pattern BLOB_PATH = Pattern.compile("blobs/sha256/([0-9a-f]{64})");

  private static final Pattern DIGEST_NAMED =
      Pattern.compile("(?:blobs/sha256/([0-9a-f]{64}))|(?:([0-9a-f]{64})\\.json)");

  private ArchiveLoader() {}

  public static List<LoadedImage> load(ImageStore store, Path archive) throws IOException {
    if (!Files.isRegularFile(archive)) {
      throw new StoreException("no such archive: " + archive);
    }
    // The lease keeps prune away from the work dir and from blobs imported but not yet tagged.
    try (StoreLease lease = store.lease()) {
      Path workDir = store.newTempPath("load-");
      try {
        ArchiveContents contents = ArchiveReader.extract(archive, workDir);
        return switch (ArchiveFormat.detect(contents)) {
          case OCI_ARCHIVE -> loadOci(store, contents);
          case DOCKER_ARCHIVE -> loadDocker(store, contents);
        };
      } finally {
        deleteTree(workDir);
      }
    }
  }

  private static List<LoadedImage> loadOci(ImageStore store, ArchiveContents contents) throws IOException {
    for (ArchiveFile file : contents.files().values()) {
      Matcher blob = BLOB_PATH.matcher(file.name());
      if (blob.matches()) {
        importVerified(store, file, Digest.sha256Hex(blob.group(1)));
      }
    }
    ImageIndex index = Json.read(contents.require("index.json").bytes(), ImageIndex.class, "index.json");
    Map<String, Descriptor> named = new LinkedHashMap<>();
    List<Descriptor> unnamed = new ArrayList<>();
    List<LoadedImage> loaded = new ArrayList<>();
    for (Descriptor entry : index.manifests()) {
      Descriptor bare = entry.withAnnotations(Map.of());
      ReachableBlobs.from(store, List.of(bare), true); // all configs and layers must be present
      if (!store.hasBlob(bare.digest())) {
        throw new StoreException("archive " + contents.archive() + " lacks blob " + bare.digest());
      }
      var name = ArchiveNames.ofOciEntry(entry);
      if (name.isPresent()) {
        named.put(name.get(), bare);
      } else {
        unnamed.add(bare);
      }
      loaded.add(new LoadedImage(idOf(store, bare), name.map(List::of).orElse(List.of())));
    }
    store.record(named, unnamed);
    return loaded;
  }

  private static Digest idOf(ImageStore store, Descriptor entry) throws IOException {
    return store.imageOf(entry).id();
  }

  private static List<LoadedImage> loadDocker(ImageStore store, ArchiveContents contents) throws IOException {
    List<DockerArchive.ManifestEntry> entries =
        Arrays.asList(Json.read(contents.require("manifest.json").bytes(),
            DockerArchive.ManifestEntry[].class, "manifest.json"));
    Map<String, Descriptor> named = new LinkedHashMap<>();
    List<Descriptor> unnamed = new ArrayList<>();
    List<LoadedImage> loaded = new ArrayList<>();
    for (DockerArchive.ManifestEntry entry : entries) {
      DockerImageParts parts = DockerImageParts.of(contents, entry);
      ArchiveFile configFile = contents.require(entry.Config());
      verifyDigestInName(configFile);
      importVerified(store, configFile, parts.configDigest());
      ImageConfig config = Json.read(configFile.bytes(), ImageConfig.class, "config " + entry.Config());
      List<Digest> diffIds = config.rootfs().diffIds();
      if (diffIds.size() != entry.Layers().size()) {
        throw new StoreException("docker-archive image " + entry.Config() + " lists "
            + entry.Layers().size() + " layers but its config has " + diffIds.size() + " diff_ids");
      }
      for (int i = 0; i < entry.Layers().size(); i++) {
        ArchiveFile layer = contents.require(entry.Layers().get(i));
        verifyDigestInName(layer);
        Digest uncompressed = layer.gzipped() ? gunzippedDigest(layer.file()) : layer.digest();
        if (!uncompressed.equals(diffIds.get(i))) {
          throw new StoreException("layer " + entry.Layers().get(i) + " has digest " + uncompressed
              + " but the config's diff_id is " + diffIds.get(i));
        }
        store.importBlob(layer.file(), layer.digest());
      }
      BlobInfo manifest = store.putBlob(Json.bytes(parts.manifest()));
      Descriptor descriptor = manifest.descriptor(MediaTypes.OCI_MANIFEST);
      List<String> names = new ArrayList<>();
      for (String tag : entry.RepoTags()) {
        String name = io.kubefile.store.NameLookup.normalize(tag);
        named.put(name, descriptor);
        names.add(name);
      }
      if (names.isEmpty()) {
        unnamed.add(descriptor);
      }
      loaded.add(new LoadedImage(parts.configDigest(), names));
    }
    store.record(named, unnamed);
    return loaded;
  }

  private static void importVerified(ImageStore store, ArchiveFile file, Digest expected) throws IOException {
    if (!file.digest().equals(expected)) {
      throw new StoreException("archive entry " + file.name() + " should have digest " + expected
          + " but has " + file.digest());
    }
    store.importBlob(file.file(), expected);
  }

  /** Files named by their digest ({@code <hex>.json}, {@code blobs/sha256/<hex>}) must match it. */
  private static void verifyDigestInName(ArchiveFile file) {
    Matcher named = DIGEST_NAMED.matcher(file.name());
    if (named.matches() && !file.digest().hex().equals(named.group(1) != null ? named.group(1) : named.group(2))) {
      throw new StoreException("archive entry " + file.name() + " does not match the digest in its name: it has "
          + file.digest());
    }
  }

  static Digest gunzippedDigest(Path file) throws IOException {
    MessageDigest sha256 = Digest.newSha256();
    try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(file), true)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha256.update(buffer, 0, n);
      }
    }
    return Digest.ofSha256(sha256);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
