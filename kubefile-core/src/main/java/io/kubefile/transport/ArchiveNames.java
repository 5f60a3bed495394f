package io.kubefile.transport;

import io.kubefile.image.Descriptor;
import io.kubefile.store.ImageStore;
import io.kubefile.store.NameLookup;
import java.util.Optional;

/** The names images carry inside archives, turned into full store names. */
final class ArchiveNames {
  private ArchiveNames() {}

  /**
   * As podman: {@code io.containerd.image.name} first, else {@code ref.name} when it is a name
   * rather than a bare tag (skopeo's {@code oci-archive:FILE:v1} records just {@code v1}; such
   * images load unnamed).
   */
  static Optional<String> ofOciEntry(Descriptor entry) {
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
}
