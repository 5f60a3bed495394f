package io.kubefile.discovery;

/** How an image is fetched: from a registry (the default) or through a containers/image transport. */
public enum ImageTransport {
  REGISTRY(""),
  CONTAINERS_STORAGE("containers-storage:"),
  DOCKER_DAEMON("docker-daemon:"),
  DOCKER_ARCHIVE("docker-archive:"),
  OCI_ARCHIVE("oci-archive:");

  private final String prefix;

  ImageTransport(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix written before the image, e.g. {@code containers-storage:}; empty for registries. */
  public String prefix() {
    return prefix;
  }

  public boolean isArchive() {
    return this == DOCKER_ARCHIVE || this == OCI_ARCHIVE;
  }
}
