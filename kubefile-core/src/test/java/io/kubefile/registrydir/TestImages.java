package io.kubefile.registrydir;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small but real images (gzip tar layers, a config with matching diff_ids) assembled in memory. */
final class TestImages {
  private TestImages() {}

  record Blob(String mediaType, byte[] bytes) {
    Digest digest() {
      return Digest.sha256(bytes);
    }

    Descriptor descriptor() {
      return Descriptor.of(mediaType, digest(), bytes.length);
    }
  }

  /** A single-platform image: its manifest bytes, config and layers. */
  record Image(String mediaType, byte[] manifest, Blob config, List<Blob> layers) {
    Digest digest() {
      return Digest.sha256(manifest);
    }

    List<Blob> blobs() {
      List<Blob> all = new ArrayList<>();
      all.add(config);
      all.addAll(layers);
      return all;
    }

    /** Stores blobs, then the manifest, as a registry client would push it. */
    Digest storeIn(RegistryDirectory directory, String repository) throws IOException {
      for (Blob blob : blobs()) {
        directory.putBlob(blob.descriptor(), new ByteArrayInputStream(blob.bytes()));
      }
      return directory.putManifest(repository, manifest, mediaType);
    }
  }

  /** A multi-platform image: the index bytes and its platform images. */
  record MultiPlatformImage(String mediaType, byte[] index, List<Image> platforms) {
    Digest digest() {
      return Digest.sha256(index);
    }

    /** Stores every platform image, then the index (what upstream's {@code --all} does). */
    Digest storeIn(RegistryDirectory directory, String repository) throws IOException {
      for (Image platform : platforms) {
        platform.storeIn(directory, repository);
      }
      return directory.putManifest(repository, index, mediaType);
    }
  }

  static Image dockerImage(String name, String architecture) {
    return image(name, architecture, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, MediaTypes.DOCKER_LAYER_GZIP);
  }

  static Image ociImage(String name, String architecture) {
    return image(name, architecture, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER_GZIP);
  }

  /** An OCI index over an amd64 and an arm64 image that share their base layer. */
  static MultiPlatformImage ociIndex(String name) {
    Image amd64 = ociImage(name, "amd64");
    Image arm64 = ociImage(name, "arm64");
    List<Descriptor> manifests =
        List.of(
            Descriptor.of(amd64.mediaType(), amd64.digest(), amd64.manifest().length)
                .withPlatform(new Platform("amd64", "linux", null)),
            Descriptor.of(arm64.mediaType(), arm64.digest(), arm64.manifest().length)
                .withPlatform(new Platform("arm64", "linux", null)));
    return new MultiPlatformImage(MediaTypes.OCI_INDEX, Json.bytes(ImageIndex.oci(manifests)), List.of(amd64, arm64));
  }

  private static Image image(String name, String architecture, String manifestType, String configType, String layerType) {
    // The base layer depends on the name only, so platforms of one image share it (dedup by digest).
    byte[] baseTar = tar("etc/" + name + "-release", name + "\n");
    byte[] appTar = tar("usr/bin/" + name, name + " for " + architecture + "\n");
    Blob base = new Blob(layerType, gzip(baseTar));
    Blob app = new Blob(layerType, gzip(appTar));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("created", "2024-01-01T00:00:00Z");
    config.put("architecture", architecture);
    config.put("os", "linux");
    config.put("config", Map.of("Cmd", List.of("/usr/bin/" + name)));
    config.put(
        "rootfs",
        Map.of("type", "layers", "diff_ids", List.of(Digest.sha256(baseTar).toString(), Digest.sha256(appTar).toString())));
    Blob configBlob = new Blob(configType, Json.bytes(config));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", manifestType);
    manifest.put("config", configBlob.descriptor());
    manifest.put("layers", List.of(base.descriptor(), app.descriptor()));
    return new Image(manifestType, Json.bytes(manifest), configBlob, List.of(base, app));
  }

  private static byte[] tar(String path, String content) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry entry = new TarArchiveEntry(path);
      entry.setSize(data.length);
      entry.setMode(0755);
      entry.setModTime(0);
      tar.putArchiveEntry(entry);
      tar.write(data);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
