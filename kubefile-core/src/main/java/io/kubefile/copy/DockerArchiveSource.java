package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.ArchiveSource;
import io.kubefile.store.NameLookup;
import io.kubefile.store.StoreException;
import io.kubefile.transport.DockerArchive;
import io.kubefile.transport.TarArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image of a {@code docker-archive} ({@code docker save}, {@code skopeo copy … docker-archive:}),
 * streamed from the tar. Such archives hold no manifest, only {@code manifest.json} listing a config
 * file and layer files (uncompressed tars, occasionally gzip). A manifest is synthesized the way
 * containers/image's docker-archive source does ({@code docker/internal/tarfile/src.go}): Docker
 * schema 2, the config as {@code application/vnd.docker.container.image.v1+json} with the digest and
 * size of the config file, and each layer file as it is stored, with its own digest and size. So
 * skopeo and kubefile agree on the config and layer digests of an archive. This is the only place a
 * docker-archive becomes a manifest: load, inspect and registry save all read through it, and a
 * copy into an OCI layout converts it like any other Docker-format image ({@link io.kubefile.image.OciConversion}).
 *
 * <p>One deliberate difference: for an uncompressed layer containers/image writes the gzip media
 * type ({@code …rootfs.diff.tar.gzip}) and recompresses when pushing, which changes every layer
 * digest; we keep the bytes and say what they are, {@code application/vnd.docker.image.rootfs.diff.tar},
 * so the stored layer digests are the config's diff_ids and the archive's content is served
 * byte-for-byte. Runtimes (containerd, CRI-O) accept uncompressed Docker layers.
 */
public final class DockerArchiveSource implements ArchiveSource {
  private final TarArchive archive;
  private final DockerArchive.ManifestEntry entry;
  private final boolean ownsArchive;
  private RawManifest manifest;
  private final Map<Digest, String> pathsByDigest = new LinkedHashMap<>();

  private DockerArchiveSource(TarArchive archive, DockerArchive.ManifestEntry entry, boolean ownsArchive) {
    this.archive = archive;
    this.entry = entry;
    this.ownsArchive = ownsArchive;
  }

  /** Every image of the archive, in manifest.json order; closing them leaves the archive open. */
  static List<DockerArchiveSource> all(TarArchive archive) throws IOException {
    return entries(archive).stream().map(e -> new DockerArchiveSource(archive, e, false)).toList();
  }

  /**
   * The image whose RepoTags hold {@code wantedName}, or the archive's only image when null. The
   * source owns the archive and closes it.
   */
  static DockerArchiveSource select(TarArchive archive, String wantedName, boolean onlyImageAnyName) throws IOException {
    DockerArchive.ManifestEntry entry = ArchiveEntries.select(entries(archive), DockerArchive.ManifestEntry::RepoTags,
        wantedName, "docker-archive:" + archive.archive(), onlyImageAnyName);
    return new DockerArchiveSource(archive, entry, true);
  }

  private static List<DockerArchive.ManifestEntry> entries(TarArchive archive) throws IOException {
    return Arrays.asList(Json.read(archive.read("manifest.json"), DockerArchive.ManifestEntry[].class,
        "manifest.json of docker-archive:" + archive.archive()));
  }

  @Override
  public synchronized RawManifest root() throws IOException {
    if (manifest == null) {
      manifest = synthesizeManifest();
    }
    return manifest;
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    RawManifest root = root();
    if (!root.digest().equals(descriptor.digest())) {
      throw new StoreException(describe() + " has no manifest " + descriptor.digest());
    }
    return root;
  }

  @Override
  public void fetchBlob(Descriptor blob, java.nio.file.Path target) throws IOException {
    String path;
    synchronized (this) {
      root();
      path = pathsByDigest.get(blob.digest());
    }
    if (path == null) {
      throw new StoreException(describe() + " has no blob " + blob.digest());
    }
    ArchiveBlobs.copyVerified(archive, path, blob, target);
  }

  @Override
  public List<String> names() {
    return entry.RepoTags().stream().map(NameLookup::normalize).distinct().toList();
  }

  @Override
  public String describe() {
    return "docker-archive:" + archive.archive();
  }

  @Override
  public void close() throws IOException {
    if (ownsArchive) {
      archive.close();
    }
  }

  private RawManifest synthesizeManifest() throws IOException {
    if (entry.Config() == null) {
      throw new StoreException(describe() + ": manifest.json lists an image without Config");
    }
    byte[] configBytes = archive.read(entry.Config());
    TarArchive.EntryDigest config = new TarArchive.EntryDigest(Digest.sha256(configBytes), configBytes.length, false);
    List<Digest> diffIds = Json.read(configBytes, ImageConfig.class, "config of " + describe()).rootfs().diffIds();
    if (diffIds.size() != entry.Layers().size()) {
      throw new StoreException(describe() + ": manifest.json lists " + entry.Layers().size()
          + " layers but the config has " + diffIds.size() + " diff_ids");
    }
    pathsByDigest.put(config.digest(), entry.Config());
    List<Map<String, Object>> layers = new ArrayList<>();
    for (int i = 0; i < entry.Layers().size(); i++) {
      String path = entry.Layers().get(i);
      TarArchive.EntryDigest layer = archive.digest(path);
      if (!layer.gzipped() && !layer.digest().equals(diffIds.get(i))) {
        throw new StoreException(describe() + ": layer " + path + " has digest " + layer.digest()
            + " but the config's diff_id is " + diffIds.get(i));
      }
      pathsByDigest.put(layer.digest(), path);
      layers.add(descriptor(layer.gzipped() ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.DOCKER_LAYER, layer));
    }
    // Field order as containers/image's manifest.Schema2 marshals it.
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.DOCKER_MANIFEST);
    manifest.put("config", descriptor(MediaTypes.DOCKER_CONFIG, config));
    manifest.put("layers", layers);
    byte[] bytes = Json.bytes(manifest);
    return new RawManifest(bytes, MediaTypes.DOCKER_MANIFEST, Digest.sha256(bytes));
  }

  private static Map<String, Object> descriptor(String mediaType, TarArchive.EntryDigest file) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", mediaType);
    descriptor.put("size", file.size());
    descriptor.put("digest", file.digest().toString());
    return descriptor;
  }
}
