package io.kubefile.copy;

import io.kubefile.image.ImageManifest;
import io.kubefile.image.Platform;
import io.kubefile.image.PlatformSelector;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySource;
import io.kubefile.transport.SourceImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an image's manifest and config from any copy source without copying its layers: what
 * {@code inspect docker://REF} shows without pulling.
 */
public final class SourceImageReader {
  private SourceImageReader() {}

  /**
   * The image as {@link #read} finds it, with Docker-format manifests shown as the store would
   * hold them (OCI), so that inspecting an archive or layout shows the digest a load gives.
   */
  public static SourceImage readAsStored(CopySource source, String name, Platform platform) throws IOException {
    return read(new OciConvertingSource(source), name, platform);
  }

  /** @param name the name to report; the platform picks the manifest from an index */
  public static SourceImage read(CopySource source, String name, Platform platform) throws IOException {
    RawManifest root = source.root();
    RawManifest manifest = root.isIndex()
        ? source.manifest(PlatformSelector.select(root.asIndex(), platform))
        : root;
    ImageManifest parsed = manifest.asManifest();
    if (parsed.config() == null) {
      throw new IOException(source.describe() + ": the manifest has no config");
    }
    Path temp = Files.createTempFile("kubefile-config", ".json");
    try {
      source.fetchBlob(parsed.config(), temp);
      return new SourceImage(name, manifest.digest(), parsed, Files.readAllBytes(temp));
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
