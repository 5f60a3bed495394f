package io.kubefile.transport;

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
