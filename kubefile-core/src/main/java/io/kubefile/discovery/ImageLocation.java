package io.kubefile.discovery;

import io.kubefile.image.ImageReference;
import java.util.Objects;

/**
 * What to copy into {@code registry/}: a reference in a registry or a local store, or an archive with the
 * name to store it under.
 *
 * @param transport where the image comes from
 * @param reference the normalized image name; for archives the name to store it under, possibly null
 *     when an archive in a shim list names none (the archive's own name is used then)
 * @param archive for archive transports, the archive's path relative to the build context; else null
 */
public record ImageLocation(ImageTransport transport, ImageReference reference, String archive)
    implements Comparable<ImageLocation> {

  public ImageLocation {
    Objects.requireNonNull(transport, "transport");
    if (transport.isArchive() != (archive != null)) {
      throw new IllegalArgumentException("an archive path is required exactly for archive transports");
    }
    if (!transport.isArchive()) {
      Objects.requireNonNull(reference, "reference");
    }
  }

  public static ImageLocation registry(ImageReference reference) {
    return new ImageLocation(ImageTransport.REGISTRY, reference, null);
  }

  /**
   * {@code docker.io/library/nginx:1.25}, {@code containers-storage:docker.io/labring/x:1}, {@code
   * docker-archive:images/skopeo/calico.tar@docker.io/calico/cni:v3.20.0}; an implied {@code :latest} is
   * not written, as sealos lists images ({@code docker.io/library/busybox} for {@code image: busybox}).
   */
  @Override
  public String toString() {
    String name = reference == null ? null : reference.toStringWithoutImpliedTag();
    if (transport.isArchive()) {
      return transport.prefix() + archive + (name == null ? "" : "@" + name);
    }
    return transport.prefix() + name;
  }

  /**
   * Of two spellings of one image ({@code nginx}, {@code docker.io/library/nginx:latest}), the one to list:
   * one that wrote its tag out wins over an implied {@code :latest}; otherwise the first.
   */
  static ImageLocation preferWrittenTag(ImageLocation kept, ImageLocation offered) {
    return impliesTag(kept) && !impliesTag(offered) ? offered : kept;
  }

  private static boolean impliesTag(ImageLocation location) {
    return location.reference() != null && location.reference().isTagImplied();
  }

  /** Like {@link #toString()}, with the implied {@code :latest} written out. */
  String toNormalizedString() {
    if (transport.isArchive()) {
      return transport.prefix() + archive + (reference == null ? "" : "@" + reference);
    }
    return transport.prefix() + reference;
  }

  @Override
  public int compareTo(ImageLocation other) {
    return toString().compareTo(other.toString());
  }
}
