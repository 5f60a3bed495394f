package io.kubefile.copy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.ArchiveSource;
import io.kubefile.store.ImageStore;
import io.kubefile.store.NameLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * One image (or index) of an {@code oci-archive}, read in place: an OCI image layout in a tar. Its
 * manifests and blobs are content-addressed already, so they are served byte-for-byte and every
 * digest survives the copy. The image is the layout's only {@code index.json} entry, or the one
 * whose {@code io.containerd.image.name} or {@code org.opencontainers.image.ref.name} is the wanted
 * name.
 */
public final class OciArchiveSource implements ArchiveSource {
  private static final String CONTAINERD_NAME = "io.containerd.image.name";

  private final ExtractedArchive archive;
  private final String wantedName;
  private Descriptor entry;
  private RawManifest root;

  /**
   * @param wantedName the full name of the image to read when the layout holds several; null to
   *     require exactly one
   * @param workDirectory an absent directory to unpack into, deleted by {@link #close()}
   */
  public OciArchiveSource(Path archive, String wantedName, Path workDirectory) {
    this.archive = new ExtractedArchive(archive, workDirectory);
    this.wantedName = wantedName;
  }

  @Override
  public synchronized RawManifest root() throws IOException {
    if (root == null) {
      root = read(entry());
    }
    return root;
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    return read(descriptor);
  }

  @Override
  public Optional<Path> localBlob(Digest digest) {
    // Not verified here: the copier only asks for blobs a manifest lists, with their size, and
    // fetchBlob is the verifying path. Serving the unpacked file avoids a copy.
    try {
      return archive.contents().find(blobPath(digest)).map(f -> f.digest().equals(digest) ? f.file() : null);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void fetchBlob(Descriptor blob, Path target) throws IOException {
    Files.copy(archive.verifiedFile(blobPath(blob.digest()), blob), target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public synchronized Optional<String> embeddedName() throws IOException {
    return nameOf(entry());
  }

  @Override
  public String describe() {
    return "oci-archive:" + archive.archive();
  }

  @Override
  public void close() throws IOException {
    archive.close();
  }

  private Descriptor entry() throws IOException {
    if (entry == null) {
      List<Descriptor> entries = Json.read(archive.require("index.json").bytes(), ImageIndex.class,
          "index.json of " + describe()).manifests();
      entry = select(entries);
    }
    return entry;
  }

  private Descriptor select(List<Descriptor> entries) throws IOException {
    if (wantedName != null) {
      String wanted = NameLookup.normalize(wantedName);
      for (Descriptor candidate : entries) {
        if (nameOf(candidate).filter(wanted::equals).isPresent()) {
          return candidate;
        }
      }
    }
    if (entries.size() == 1) {
      return entries.get(0);
    }
    throw new IOException(describe() + " holds " + entries.size() + " images"
        + (wantedName == null ? "" : ", none named " + wantedName) + ": an archive with one image is needed,"
        + " or name the image as oci-archive:PATH:NAME");
  }

  /** As podman reads it: the containerd name, else a ref.name that is a full name (not a bare tag). */
  private static Optional<String> nameOf(Descriptor entry) {
    String containerd = entry.annotation(CONTAINERD_NAME);
    if (containerd != null && !containerd.isBlank()) {
      return Optional.of(NameLookup.normalize(containerd));
    }
    String ref = entry.annotation(ImageStore.REF_NAME);
    if (ref != null && ref.contains("/")) {
      return Optional.of(NameLookup.normalize(ref));
    }
    return Optional.empty();
  }

  private RawManifest read(Descriptor descriptor) throws IOException {
    Path file = archive.verifiedFile(blobPath(descriptor.digest()), descriptor);
    byte[] bytes = Files.readAllBytes(file);
    return new RawManifest(bytes, MediaTypes.detect(descriptor.mediaType(), bytes), descriptor.digest());
  }

  private static String blobPath(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }
}
