package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.ArchiveSource;
import io.kubefile.store.NameLookup;
import io.kubefile.transport.ArchiveFile;
import io.kubefile.transport.DockerArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One image of a {@code docker-archive} ({@code docker save}, {@code skopeo copy … docker-archive:}),
 * read in place. Such archives hold no manifest, only {@code manifest.json} listing a config file and
 * layer files (uncompressed tars, occasionally gzip). A registry needs a manifest, so one is
 * synthesized the way containers/image's docker-archive source does ({@code
 * docker/internal/tarfile/src.go}): Docker schema 2, the config as {@code
 * application/vnd.docker.container.image.v1+json} with the digest and size of the config file, and
 * each layer file as it is stored, with its own digest and size. So skopeo and kubefile agree on
 * the config and layer digests of an archive.
 *
 * <p>One deliberate difference: for an uncompressed layer containers/image writes the gzip media
 * type ({@code …rootfs.diff.tar.gzip}) and recompresses when pushing, which changes every layer
 * digest; we keep the bytes and say what they are, {@code application/vnd.docker.image.rootfs.diff.tar},
 * so the stored layer digests are the config's diff_ids and the archive's content is served
 * byte-for-byte. Runtimes (containerd, CRI-O) accept uncompressed Docker layers.
 */
public final class DockerArchiveSource implements ArchiveSource {
  /** The Docker schema 2 media type of an uncompressed layer. */
  public static final String DOCKER_LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";

  private final ExtractedArchive archive;
  private final String wantedName;
  private DockerArchive.ManifestEntry entry;
  private RawManifest manifest;
  private final Map<Digest, String> pathsByDigest = new HashMap<>();

  /**
   * @param wantedName the full name of the image to read when the archive holds several (matched
   *     against its RepoTags); null to require exactly one image
   * @param workDirectory an absent directory to unpack into, deleted by {@link #close()}
   */
  public DockerArchiveSource(Path archive, String wantedName, Path workDirectory) {
    this.archive = new ExtractedArchive(archive, workDirectory);
    this.wantedName = wantedName;
  }

  @Override
  public synchronized RawManifest root() throws IOException {
    if (manifest == null) {
      manifest = synthesizeManifest(entry());
    }
    return manifest;
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    RawManifest root = root();
    if (!root.digest().equals(descriptor.digest())) {
      throw new IOException(describe() + " has no manifest " + descriptor.digest());
    }
    return root;
  }

  @Override
  public synchronized Optional<Path> localBlob(Digest digest) {
    String path = pathsByDigest.get(digest);
    if (path == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(archive.require(path).file());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void fetchBlob(Descriptor blob, Path target) throws IOException {
    String path;
    synchronized (this) {
      root();
      path = pathsByDigest.get(blob.digest());
    }
    if (path == null) {
      throw new IOException(describe() + " has no blob " + blob.digest());
    }
    Files.copy(archive.verifiedFile(path, blob), target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public synchronized Optional<String> embeddedName() throws IOException {
    List<String> tags = entry().RepoTags();
    return tags.isEmpty() ? Optional.empty() : Optional.of(NameLookup.normalize(tags.get(0)));
  }

  @Override
  public String describe() {
    return "docker-archive:" + archive.archive();
  }

  @Override
  public void close() throws IOException {
    archive.close();
  }

  private DockerArchive.ManifestEntry entry() throws IOException {
    if (entry == null) {
      List<DockerArchive.ManifestEntry> entries = Arrays.asList(Json.read(
          archive.require("manifest.json").bytes(), DockerArchive.ManifestEntry[].class, "manifest.json of " + describe()));
      entry = select(entries);
    }
    return entry;
  }

  private DockerArchive.ManifestEntry select(List<DockerArchive.ManifestEntry> entries) throws IOException {
    if (wantedName != null) {
      String wanted = NameLookup.normalize(wantedName);
      for (DockerArchive.ManifestEntry candidate : entries) {
        if (candidate.RepoTags().stream().anyMatch(tag -> NameLookup.normalize(tag).equals(wanted))) {
          return candidate;
        }
      }
    }
    if (entries.size() == 1) {
      return entries.get(0);
    }
    throw new IOException(describe() + " holds " + entries.size() + " images"
        + (wantedName == null ? "" : ", none named " + wantedName) + ": an archive with one image is needed,"
        + " or name the image as docker-archive:PATH:NAME");
  }

  private RawManifest synthesizeManifest(DockerArchive.ManifestEntry entry) throws IOException {
    if (entry.Config() == null) {
      throw new IOException(describe() + ": manifest.json lists an image without Config");
    }
    ArchiveFile config = archive.require(entry.Config());
    List<Digest> diffIds = Json.read(config.bytes(), ImageConfig.class, "config of " + describe()).rootfs().diffIds();
    if (diffIds.size() != entry.Layers().size()) {
      throw new IOException(describe() + ": manifest.json lists " + entry.Layers().size()
          + " layers but the config has " + diffIds.size() + " diff_ids");
    }
    pathsByDigest.put(config.digest(), entry.Config());
    List<Map<String, Object>> layers = new ArrayList<>();
    for (int i = 0; i < entry.Layers().size(); i++) {
      String path = entry.Layers().get(i);
      ArchiveFile layer = archive.require(path);
      if (!layer.gzipped() && !layer.digest().equals(diffIds.get(i))) {
        throw new IOException(describe() + ": layer " + path + " has digest " + layer.digest()
            + " but the config's diff_id is " + diffIds.get(i));
      }
      pathsByDigest.put(layer.digest(), path);
      layers.add(descriptor(layer.gzipped() ? MediaTypes.DOCKER_LAYER_GZIP : DOCKER_LAYER_TAR, layer));
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

  private static Map<String, Object> descriptor(String mediaType, ArchiveFile file) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", mediaType);
    descriptor.put("size", file.size());
    descriptor.put("digest", file.digest().toString());
    return descriptor;
  }
}
