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
import io.kubefile.transport.OciArchive;
import io.kubefile.transport.TarArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One image (or index) of an {@code oci-archive}, streamed from the tar: an OCI image layout in an
 * archive. Its manifests and blobs are content-addressed already, so they are served byte-for-byte
 * and every digest survives the copy. An image is one {@code index.json} entry, named by its {@code
 * io.containerd.image.name}, else by an {@code org.opencontainers.image.ref.name} that is a full
 * name (podman's rule; skopeo's bare tags such as {@code v1} name nothing).
 */
public final class OciArchiveSource implements ArchiveSource {
  private final TarArchive archive;
  private final Descriptor entry;
  private final boolean ownsArchive;

  private OciArchiveSource(TarArchive archive, Descriptor entry, boolean ownsArchive) {
    this.archive = archive;
    this.entry = entry;
    this.ownsArchive = ownsArchive;
  }

  /** Whether {@code archive} is an OCI layout (rather than a docker-archive). */
  static boolean isLayout(TarArchive archive) {
    return archive.contains("oci-layout") && archive.contains("index.json");
  }

  /** Every image of the archive, in index.json order; closing them leaves the archive open. */
  static List<OciArchiveSource> all(TarArchive archive) throws IOException {
    return entries(archive).stream().map(e -> new OciArchiveSource(archive, e, false)).toList();
  }

  /**
   * The image of the archive named {@code wantedName} (a name, or a bare {@code ref.name} such as
   * skopeo's {@code v1}), or its only image when null. The source owns the archive and closes it.
   */
  static OciArchiveSource select(TarArchive archive, String wantedName, boolean onlyImageAnyName) throws IOException {
    Descriptor entry = ArchiveEntries.select(entries(archive), OciArchiveSource::recordedNames, wantedName,
        "oci-archive:" + archive.archive(), onlyImageAnyName);
    return new OciArchiveSource(archive, entry, true);
  }

  /** The names an entry answers to: its full name, and a bare ref.name such as skopeo's {@code v1}. */
  private static List<String> recordedNames(Descriptor entry) {
    List<String> names = new java.util.ArrayList<>(nameOf(entry).map(List::of).orElse(List.of()));
    String ref = entry.annotation(ImageStore.REF_NAME);
    if (ref != null && !ref.isBlank() && !names.contains(ref)) {
      names.add(ref);
    }
    return names;
  }

  private static List<Descriptor> entries(TarArchive archive) throws IOException {
    return Json.read(archive.read("index.json"), ImageIndex.class, "index.json of oci-archive:" + archive.archive())
        .manifests();
  }

  @Override
  public RawManifest root() throws IOException {
    return manifest(entry);
  }

  @Override
  public RawManifest manifest(Descriptor descriptor) throws IOException {
    byte[] bytes = ArchiveBlobs.readVerified(archive, blobPath(descriptor.digest()), descriptor.digest());
    return new RawManifest(bytes, MediaTypes.detect(descriptor.mediaType(), bytes), descriptor.digest());
  }

  @Override
  public void fetchBlob(Descriptor blob, Path target) throws IOException {
    ArchiveBlobs.copyVerified(archive, blobPath(blob.digest()), blob, target);
  }

  @Override
  public List<String> names() {
    return nameOf(entry).map(List::of).orElse(List.of());
  }

  @Override
  public String describe() {
    return "oci-archive:" + archive.archive();
  }

  @Override
  public void close() throws IOException {
    if (ownsArchive) {
      archive.close();
    }
  }

  /** As podman reads it: the containerd name, else a ref.name that is a full name (not a bare tag). */
  static Optional<String> nameOf(Descriptor entry) {
    String containerd = entry.annotation(OciArchive.CONTAINERD_NAME);
    if (containerd != null && !containerd.isBlank()) {
      return Optional.of(NameLookup.normalize(containerd));
    }
    String ref = entry.annotation(ImageStore.REF_NAME);
    if (ref != null && ref.contains("/")) {
      return Optional.of(NameLookup.normalize(ref));
    }
    return Optional.empty();
  }

  private static String blobPath(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }
}
