package io.kubefile.transport;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreException;
import io.kubefile.store.StoreLease;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Writes {@code docker-archive} as {@code docker save} and skopeo do: {@code manifest.json}
 * (Config, RepoTags, Layers), {@code repositories}, the config as {@code <id>.json} and each layer
 * uncompressed as {@code <diff-id>.tar}. Docker archives carry only uncompressed layers, so gzip
 * layers are decompressed, and the result is checked against the config's diff_ids.
 */
public final class DockerArchive {
  private DockerArchive() {}

  /** One entry of manifest.json. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  public record ManifestEntry(
      @com.fasterxml.jackson.annotation.JsonProperty("Config") String Config,
      @com.fasterxml.jackson.annotation.JsonProperty("RepoTags") List<String> RepoTags,
      @com.fasterxml.jackson.annotation.JsonProperty("Layers") List<String> Layers) {
    public ManifestEntry {
      RepoTags = RepoTags == null ? List.of() : List.copyOf(RepoTags);
      Layers = Layers == null ? List.of() : List.copyOf(Layers);
    }
  }

  public static void save(ImageStore store, List<String> namesOrIds, Path out) throws IOException {
    save(store, namesOrIds, out, null);
  }

  /**
   * Saves {@code platform}'s image of each multi-platform image (a docker-archive holds one image
   * per entry, no index); with {@code platform} null, a multi-platform image is an error rather
   * than silently one of its platforms.
   */
  public static void save(ImageStore store, List<String> namesOrIds, Path out, Platform platform)
      throws IOException {
    Map<StoredImage, List<String>> images = ArchiveImages.resolve(store, namesOrIds, platform);
    List<Path> temps = new ArrayList<>();
    try (StoreLease lease = store.lease()) {
      // Decompress before opening the output so a bad layer leaves no archive behind.
      Map<Digest, Path> layerFiles = new LinkedHashMap<>();
      Map<Digest, ManifestEntry> entriesById = new LinkedHashMap<>();
      Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
      for (Map.Entry<StoredImage, List<String>> e : images.entrySet()) {
        StoredImage image = e.getKey();
        List<Descriptor> layers = image.manifest().layers();
        List<Digest> diffIds = image.config().rootfs().diffIds();
        if (layers.size() != diffIds.size()) {
          throw new StoreException("image " + image.id().shortHex() + " has " + layers.size()
              + " layers but " + diffIds.size() + " diff_ids in its config");
        }
        List<String> layerPaths = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
          Digest diffId = diffIds.get(i);
          if (!layerFiles.containsKey(diffId)) {
            layerFiles.put(diffId, uncompressedLayer(store, layers.get(i), diffId, temps));
          }
          layerPaths.add(diffId.hex() + ".tar");
        }
        ManifestEntry previous = entriesById.get(image.id());
        List<String> tags = new ArrayList<>(previous == null ? List.of() : previous.RepoTags());
        tags.addAll(e.getValue());
        entriesById.put(image.id(), new ManifestEntry(image.id().hex() + ".json", tags, layerPaths));
        for (String name : e.getValue()) {
          int colon = name.lastIndexOf(':');
          if (colon > name.lastIndexOf('/') && !name.contains("@") && !diffIds.isEmpty()) {
            repositories.computeIfAbsent(name.substring(0, colon), k -> new LinkedHashMap<>())
                .put(name.substring(colon + 1), diffIds.get(diffIds.size() - 1).hex());
          }
        }
      }
      List<ManifestEntry> manifest = new ArrayList<>(entriesById.values());
      io.kubefile.files.AtomicFiles.write(
          out,
          stream -> {
            try (TarWriter tar = new TarWriter(stream)) {
              for (Map.Entry<StoredImage, List<String>> e : images.entrySet()) {
                Digest id = e.getKey().id();
                tar.file(id.hex() + ".json", store.blobPath(id));
              }
              for (Map.Entry<Digest, Path> layer : layerFiles.entrySet()) {
                tar.file(layer.getKey().hex() + ".tar", layer.getValue());
              }
              tar.bytes("manifest.json", io.kubefile.image.Json.bytes(manifest));
              tar.bytes("repositories", io.kubefile.image.Json.bytes(repositories));
            }
          });
    } finally {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** The layer as an uncompressed tar file: the blob itself, or a gunzipped temp copy. */
  private static Path uncompressedLayer(ImageStore store, Descriptor layer, Digest diffId, List<Path> temps)
      throws IOException {
    String type = layer.mediaType() == null ? "" : layer.mediaType();
    if (type.endsWith("+zstd") || type.endsWith(".zstd")) {
      throw new StoreException("cannot write layer " + layer.digest()
          + " to a docker-archive: zstd layers are not supported");
    }
    if (!type.endsWith("gzip") && !isGzip(store.blobPath(layer.digest()))) {
      if (!layer.digest().equals(diffId)) {
        throw new StoreException("layer " + layer.digest() + " does not match its diff_id " + diffId);
      }
      return store.blobPath(layer.digest());
    }
    Path temp = store.newTempPath("docker-layer-");
    temps.add(temp);
    MessageDigest sha256 = Digest.newSha256();
    try (InputStream in = new GzipCompressorInputStream(store.openBlob(layer.digest()), true);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
      in.transferTo(out);
    }
    Digest actual = Digest.ofSha256(sha256);
    if (!actual.equals(diffId)) {
      throw new StoreException("layer " + layer.digest() + " uncompresses to " + actual
          + " but the config's diff_id is " + diffId);
    }
    return temp;
  }

  static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }
}
