package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.RawManifest;
import io.kubefile.store.StoreException;
import io.kubefile.transport.ArchiveFormat;
import io.kubefile.transport.DockerArchive;
import io.kubefile.transport.TarWriter;
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
 * A {@code docker-archive} being written, as {@code docker save} and skopeo write one: {@code
 * manifest.json} (Config, RepoTags, Layers), {@code repositories}, the config as {@code <id>.json}
 * and each layer uncompressed as {@code <diff-id>.tar}. It holds one image per entry and no index,
 * so a multi-platform image needs a platform (the copier refuses an index). Docker archives carry
 * only uncompressed layers: gzip layers are decompressed into temporary files next to the archive,
 * checked against the config's diff_ids.
 */
public final class DockerArchiveSink extends ArchiveSink {
  private final Map<Digest, Path> layerFiles = new LinkedHashMap<>();
  private final Map<Digest, Path> configFiles = new LinkedHashMap<>();
  private final Map<Digest, DockerArchive.ManifestEntry> entriesById = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> repositories = new LinkedHashMap<>();

  DockerArchiveSink(Path target) {
    super(target);
  }

  @Override
  public ArchiveFormat format() {
    return ArchiveFormat.DOCKER_ARCHIVE;
  }

  @Override
  void putManifest(RawManifest manifest) {
    if (manifest.isIndex()) {
      throw new StoreException(describe() + " cannot hold the image index " + manifest.digest());
    }
  }

  @Override
  synchronized void commit(RawManifest root, List<String> names) throws IOException {
    ImageManifest manifest = root.asManifest();
    Digest id = manifest.config().digest();
    Path configFile = blob(id);
    List<Digest> diffIds = Json.read(Files.readAllBytes(configFile), ImageConfig.class, "config " + id)
        .rootfs().diffIds();
    List<Descriptor> layers = manifest.layers();
    if (layers.size() != diffIds.size()) {
      throw new StoreException("image " + id.shortHex() + " has " + layers.size() + " layers but "
          + diffIds.size() + " diff_ids in its config");
    }
    List<String> layerPaths = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Digest diffId = diffIds.get(i);
      if (!layerFiles.containsKey(diffId)) {
        layerFiles.put(diffId, uncompressedLayer(layers.get(i), diffId));
      }
      layerPaths.add(diffId.hex() + ".tar");
    }
    configFiles.put(id, configFile);
    DockerArchive.ManifestEntry previous = entriesById.get(id);
    List<String> tags = new ArrayList<>(previous == null ? List.of() : previous.RepoTags());
    names.stream().filter(name -> !tags.contains(name)).forEach(tags::add);
    entriesById.put(id, new DockerArchive.ManifestEntry(id.hex() + ".json", tags, layerPaths));
    for (String name : names) {
      int colon = name.lastIndexOf(':');
      if (colon > name.lastIndexOf('/') && !name.contains("@") && !diffIds.isEmpty()) {
        repositories.computeIfAbsent(name.substring(0, colon), k -> new LinkedHashMap<>())
            .put(name.substring(colon + 1), diffIds.get(diffIds.size() - 1).hex());
      }
    }
  }

  @Override
  synchronized void writeTo(TarWriter tar) throws IOException {
    for (Map.Entry<Digest, Path> config : configFiles.entrySet()) {
      tar.file(config.getKey().hex() + ".json", config.getValue());
    }
    for (Map.Entry<Digest, Path> layer : layerFiles.entrySet()) {
      tar.file(layer.getKey().hex() + ".tar", layer.getValue());
    }
    tar.bytes("manifest.json", Json.bytes(new ArrayList<>(entriesById.values())));
    tar.bytes("repositories", Json.bytes(repositories));
  }

  /** The layer as an uncompressed tar file: the blob itself, or a gunzipped temporary copy. */
  private Path uncompressedLayer(Descriptor layer, Digest diffId) throws IOException {
    String type = layer.mediaType() == null ? "" : layer.mediaType();
    if (type.endsWith("+zstd") || type.endsWith(".zstd")) {
      throw new StoreException("cannot write layer " + layer.digest()
          + " to a docker-archive: zstd layers are not supported");
    }
    Path file = blob(layer.digest());
    if (!type.endsWith("gzip") && !isGzip(file)) {
      if (!layer.digest().equals(diffId)) {
        throw new StoreException("layer " + layer.digest() + " does not match its diff_id " + diffId);
      }
      return file;
    }
    Path temporary = temporaryFile();
    MessageDigest sha256 = Digest.newSha256();
    try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(file), true);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha256)) {
      in.transferTo(out);
    }
    Digest actual = Digest.ofSha256(sha256);
    if (!actual.equals(diffId)) {
      throw new StoreException("layer " + layer.digest() + " uncompresses to " + actual
          + " but the config's diff_id is " + diffId);
    }
    return temporary;
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }
}
