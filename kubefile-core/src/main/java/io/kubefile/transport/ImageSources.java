package io.kubefile.transport;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.image.PlatformSelector;
import io.kubefile.store.ImageNotKnownException;
import io.kubefile.store.ImageStore;
import io.kubefile.store.NameLookup;
import io.kubefile.store.StoreException;
import io.kubefile.store.StoredImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Opens an image by transport reference without importing it: {@code oci-archive:PATH[:REF]},
 * {@code docker-archive:PATH[:REF]}, {@code oci:DIR[:REF]}, or else a name, ID or ID prefix in the
 * local store.
 */
public final class ImageSources {
  private ImageSources() {}

  /** Reads the content of an OCI layout, by path inside it (a directory or an archive). */
  private interface LayoutFiles {
    Optional<byte[]> read(String path) throws IOException;
  }

  public static SourceImage open(String reference, ImageStore store) throws IOException {
    if (reference.startsWith("oci-archive:")) {
      PathAndRef target = PathAndRef.split(reference.substring("oci-archive:".length()));
      ArchiveContents contents = ArchiveReader.scan(target.path());
      return fromOciLayout(
          path -> contents.find(path).isPresent() ? Optional.of(contents.find(path).get().bytes()) : Optional.empty(),
          target.ref(), reference);
    }
    if (reference.startsWith("docker-archive:")) {
      PathAndRef target = PathAndRef.split(reference.substring("docker-archive:".length()));
      return fromDockerArchive(ArchiveReader.scan(target.path()), target.ref(), reference);
    }
    if (reference.startsWith("oci:")) {
      PathAndRef target = PathAndRef.split(reference.substring("oci:".length()));
      Path dir = target.path();
      return fromOciLayout(path -> readInside(dir, path), target.ref(), reference);
    }
    StoredImage image = NameLookup.find(store, reference).orElseThrow(() -> new ImageNotKnownException(reference));
    return new SourceImage(
        image.name() != null ? image.name() : reference,
        image.manifestDescriptor().digest(),
        image.manifest(),
        store.readBlob(image.id()));
  }

  private static Optional<byte[]> readInside(Path dir, String path) throws IOException {
    String safe = ArchiveReader.normalize(path);
    if (safe == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(dir.resolve(safe)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static SourceImage fromOciLayout(LayoutFiles files, String ref, String reference) throws IOException {
    byte[] indexJson = files.read("index.json")
        .orElseThrow(() -> new StoreException("not an OCI image layout (no index.json): " + reference));
    List<Descriptor> entries = Json.read(indexJson, ImageIndex.class, "index.json").manifests();
    Descriptor entry;
    if (ref != null) {
      entry = entries.stream()
          .filter(d -> ref.equals(d.annotation(ImageStore.REF_NAME))
              || ref.equals(d.annotation(OciArchive.CONTAINERD_NAME)))
          .findFirst()
          .orElseThrow(() -> new ImageNotKnownException(reference));
    } else if (entries.size() == 1) {
      entry = entries.get(0);
    } else {
      throw new StoreException(reference + " holds " + entries.size() + " images: name one as " + reference + ":NAME");
    }
    Descriptor manifestDescriptor = entry;
    byte[] manifestJson = blob(files, entry.digest(), reference);
    if (MediaTypes.isIndex(entry.mediaType())) {
      manifestDescriptor = chooseHost(Json.read(manifestJson, ImageIndex.class, "image index"), reference);
      manifestJson = blob(files, manifestDescriptor.digest(), reference);
    }
    ImageManifest manifest = Json.read(manifestJson, ImageManifest.class, "manifest");
    String name = ArchiveNames.ofOciEntry(entry).orElse(reference);
    return new SourceImage(name, manifestDescriptor.digest(), manifest, blob(files, manifest.config().digest(), reference));
  }

  private static Descriptor chooseHost(ImageIndex index, String reference) {
    return PlatformSelector.find(index.manifests(), Platform.host())
        .or(() -> index.manifests().stream().findFirst())
        .orElseThrow(() -> new StoreException("empty image index in " + reference));
  }

  private static byte[] blob(LayoutFiles files, Digest digest, String reference) throws IOException {
    return files.read("blobs/" + digest.algorithm() + "/" + digest.hex())
        .orElseThrow(() -> new StoreException(reference + " lacks blob " + digest));
  }

  private static SourceImage fromDockerArchive(ArchiveContents contents, String ref, String reference)
      throws IOException {
    List<DockerArchive.ManifestEntry> entries = Arrays.asList(
        Json.read(contents.require("manifest.json").bytes(), DockerArchive.ManifestEntry[].class, "manifest.json"));
    DockerArchive.ManifestEntry entry;
    if (ref != null) {
      entry = entries.stream()
          .filter(e -> e.RepoTags().contains(ref) || e.RepoTags().stream().anyMatch(t -> NameLookup.normalize(t).equals(NameLookup.normalize(ref))))
          .findFirst()
          .orElseThrow(() -> new ImageNotKnownException(reference));
    } else if (entries.size() == 1) {
      entry = entries.get(0);
    } else {
      throw new StoreException(reference + " holds " + entries.size() + " images: name one as " + reference + ":NAME");
    }
    DockerImageParts parts = DockerImageParts.of(contents, entry);
    String name = entry.RepoTags().isEmpty() ? reference : NameLookup.normalize(entry.RepoTags().get(0));
    return new SourceImage(name, Digest.sha256(Json.bytes(parts.manifest())), parts.manifest(),
        contents.require(entry.Config()).bytes());
  }

  /** {@code PATH[:REF]}: the longest... rather the first prefix that exists is the path. */
  private record PathAndRef(Path path, String ref) {
    static PathAndRef split(String text) {
      if (Files.exists(Path.of(text))) {
        return new PathAndRef(Path.of(text), null);
      }
      for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
        Path candidate = Path.of(text.substring(0, colon));
        if (Files.exists(candidate)) {
          String ref = text.substring(colon + 1);
          return new PathAndRef(candidate, ref.isEmpty() ? null : ref);
        }
      }
      throw new StoreException("no such file or directory: " + text);
    }
  }
}
