package io.kubefile.transport;

/**
 * The {@code oci-archive} format: a tar of an OCI image layout. Written by {@link
 * io.kubefile.copy.OciArchiveSink}, read by {@link io.kubefile.copy.OciArchiveSource}.
 */
public final class OciArchive {
  /** The index.json annotation containerd and podman restore an image's name from on import. */
  public static final String CONTAINERD_NAME = "io.containerd.image.name";

  private OciArchive() {}
}
