package io.kubefile.discovery;

/** Where in a build context an image was found. */
public enum SourceKind {
  /** A line of a file under {@code manifests/}. */
  MANIFEST,
  /** A line of a Helm chart under {@code charts/}, as rendered. */
  CHART,
  /** A line of a list under {@code images/shim/}. */
  SHIM,
  /** A line of {@code images/skopeo/tar.txt}. */
  ARCHIVE;

  /** The lowercase name used in JSON and messages. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
