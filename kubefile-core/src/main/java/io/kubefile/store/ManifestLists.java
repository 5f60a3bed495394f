package io.kubefile.store;

import io.kubefile.KubefileException;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Manifest lists (OCI image indexes) kept in the store under a name, edited the way {@code
 * buildah manifest} edits them: every change writes a new index blob and moves the name to it, so
 * a list is never half-changed and an image built or pulled as an index is a list like any other.
 */
public final class ManifestLists {
  private final ImageStore store;

  public ManifestLists(ImageStore store) {
    this.store = store;
  }

  /** A new, empty list (or one of {@code manifests}) named {@code name}; an existing name is an error. */
  public Descriptor create(String name, List<Descriptor> manifests) throws IOException {
    if (store.findByName(name).isPresent()) {
      throw new StoreException(name + " already exists in the store");
    }
    return write(name, ImageIndex.oci(manifests));
  }

  public boolean exists(String name) throws IOException {
    return entry(name).filter(d -> MediaTypes.isIndex(d.mediaType())).isPresent();
  }

  /** The list named {@code name}; a missing name, or one naming a single image, is an error. */
  public ImageIndex read(String name) throws IOException {
    Descriptor entry = entry(name).orElseThrow(() -> new ImageNotKnownException(name));
    if (!MediaTypes.isIndex(entry.mediaType())) {
      throw new StoreException(name + " is an image, not a manifest list");
    }
    return Json.read(store.readBlob(entry.digest()), ImageIndex.class, "manifest list " + name);
  }

  /** The manifest entries {@code image} contributes: its own, or with {@code all} every one of its index. */
  public List<Descriptor> entriesOf(StoredImage image, boolean all) throws IOException {
    if (all && MediaTypes.isIndex(image.entry().mediaType())) {
      ImageIndex index = Json.read(store.readBlob(image.entry().digest()), ImageIndex.class, "image index");
      return index.manifests().stream().map(d -> d.withAnnotations(null)).toList();
    }
    Descriptor manifest = image.manifestDescriptor();
    return List.of(Descriptor.of(manifest.mediaType(), manifest.digest(), manifest.size())
        .withPlatform(image.config().platform()));
  }

  /**
   * The platforms {@code image} is stored for: an index's platforms whose images the store holds
   * (an index may be stored for some platforms only), in the index's order; a single image's own.
   * Entries without a real platform (attestations, {@code unknown/unknown}) are left out.
   */
  public List<Platform> platformsOf(StoredImage image) throws IOException {
    if (!MediaTypes.isIndex(image.entry().mediaType())) {
      Platform own = image.config().platform();
      return own.os() == null || own.architecture() == null ? List.of() : List.of(own);
    }
    ImageIndex index = Json.read(store.readBlob(image.entry().digest()), ImageIndex.class, "image index");
    List<Platform> platforms = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      Platform p = d.platform();
      if (p != null && p.os() != null && p.architecture() != null && !"unknown".equals(p.os())
          && store.hasBlob(d.digest()) && !platforms.contains(p)) {
        platforms.add(p);
      }
    }
    return platforms;
  }

  /** Adds entries, replacing any with the same digest (as buildah does), keeping their order. */
  public Descriptor add(String name, List<Descriptor> entries) throws IOException {
    ImageIndex index = read(name);
    List<Descriptor> manifests = new ArrayList<>(index.manifests());
    for (Descriptor entry : entries) {
      manifests.removeIf(d -> d.digest().equals(entry.digest()));
      manifests.add(entry);
    }
    return write(name, index.withManifests(manifests));
  }

  public Descriptor remove(String name, Digest digest) throws IOException {
    ImageIndex index = read(name);
    List<Descriptor> manifests = new ArrayList<>(index.manifests());
    if (!manifests.removeIf(d -> d.digest().equals(digest))) {
      throw new StoreException(name + " has no manifest " + digest);
    }
    return write(name, index.withManifests(manifests));
  }

  /** Sets the platform fields given (non-null) and adds annotations to the entry for {@code digest}. */
  public Descriptor annotate(String name, Digest digest, Platform platform, Map<String, String> annotations)
      throws IOException {
    ImageIndex index = read(name);
    List<Descriptor> manifests = new ArrayList<>();
    boolean found = false;
    for (Descriptor d : index.manifests()) {
      if (d.digest().equals(digest)) {
        found = true;
        Map<String, String> merged = new LinkedHashMap<>(d.annotations() == null ? Map.of() : d.annotations());
        merged.putAll(annotations);
        d = d.withAnnotations(merged.isEmpty() ? null : merged);
        if (platform != null) {
          d = d.withPlatform(platform);
        }
      }
      manifests.add(d);
    }
    if (!found) {
      throw new StoreException(name + " has no manifest " + digest);
    }
    return write(name, index.withManifests(manifests));
  }

  private Optional<Descriptor> entry(String name) throws IOException {
    return store.indexEntries().stream().filter(d -> name.equals(d.annotation(ImageStore.REF_NAME))).findFirst();
  }

  private Descriptor write(String name, ImageIndex index) throws IOException {
    try (StoreLease lease = store.lease()) {
      for (Descriptor d : index.manifests()) {
        if (!store.hasBlob(d.digest())) {
          throw new KubefileException("manifest " + d.digest() + " is not in the store");
        }
      }
      BlobInfo blob = store.putBlob(Json.bytes(index));
      Descriptor descriptor = Descriptor.of(MediaTypes.OCI_INDEX, blob.digest(), blob.size());
      store.tag(name, descriptor);
      return descriptor;
    }
  }
}
