package io.kubefile.transport;

import io.kubefile.image.access.TransportReference;

/** The two archive layouts, told apart by their top-level files. */
public enum ArchiveFormat {
  OCI_ARCHIVE("oci-archive"),
  DOCKER_ARCHIVE("docker-archive");

  private final String transport;

  ArchiveFormat(String transport) {
    this.transport = transport;
  }

  /** The transport name as skopeo and podman spell it. */
  public String transport() {
    return transport;
  }

  /** The format of an {@code oci-archive:} or {@code docker-archive:} reference. */
  public static ArchiveFormat of(TransportReference.Transport transport) {
    return switch (transport) {
      case OCI_ARCHIVE -> OCI_ARCHIVE;
      case DOCKER_ARCHIVE -> DOCKER_ARCHIVE;
      default -> throw new IllegalArgumentException(transport + " is not an archive transport");
    };
  }

  /** The reference to an archive at {@code path}, without a name. */
  public TransportReference reference(java.nio.file.Path path) {
    return new TransportReference(this == OCI_ARCHIVE ? TransportReference.Transport.OCI_ARCHIVE
        : TransportReference.Transport.DOCKER_ARCHIVE, path.toString(), null);
  }

  public static ArchiveFormat ofTransport(String name) {
    for (ArchiveFormat format : values()) {
      if (format.transport.equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown archive format \"" + name + "\": expected oci-archive or docker-archive");
  }
}
