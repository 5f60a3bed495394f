package io.kubefile.save;

import io.kubefile.distribution.BlobSource;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.Repository;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small but real images (gzip tar layers, configs with matching diff_ids), pushed to a source registry. */
final class SourceImages {
  private SourceImages() {}

  /** A layer: gzip of a one-file tar; {@code diffId} is the digest of the tar. */
  record Layer(byte[] gzip, Digest diffId) {
    Digest digest() {
      return Digest.sha256(gzip);
    }
  }

  record Image(String mediaType, byte[] manifest, byte[] config, String configType, String layerType, List<Layer> layers) {
    Digest digest() {
      return Digest.sha256(manifest);
    }

    Digest configDigest() {
      return Digest.sha256(config);
    }

    /** Blobs first, then the manifest under {@code reference} (a tag, or by digest when null). */
    void push(RegistryClient client, ImageReference reference) throws IOException {
      Repository repository = Repository.of(reference);
      client.pushBlob(repository, Descriptor.of(configType, configDigest(), config.length), BlobSource.of(config));
      for (Layer layer : layers) {
        client.pushBlob(repository, Descriptor.of(layerType, layer.digest(), layer.gzip().length), BlobSource.of(layer.gzip()));
      }
      client.putManifest(reference, manifest, mediaType);
    }

    Descriptor descriptor(Platform platform) {
      return Descriptor.of(mediaType, digest(), manifest.length).withPlatform(platform);
    }
  }

  record Index(byte[] index, Map<String, Image> byArchitecture) {
    Digest digest() {
      return Digest.sha256(index);
    }

    void push(RegistryClient client, ImageReference reference) throws IOException {
      for (Image image : byArchitecture.values()) {
        image.push(client, reference.withDigestOnly(image.digest()));
      }
      client.putManifest(reference, index, MediaTypes.OCI_INDEX);
    }
  }

  /** A layer of {@code size} pseudo-random bytes from {@code seed} (incompressible, so sizes are real). */
  static Layer layer(String seed, int size) {
    byte[] content = new byte[size];
    new Random(seed.hashCode()).nextBytes(content);
    ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes)) {
      TarArchiveEntry entry = new TarArchiveEntry("data/" + seed);
      entry.setSize(content.length);
      entry.setModTime(0);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] tar = tarBytes.toByteArray();
    ByteArrayOutputStream gzipBytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipBytes)) {
      gzip.write(tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Layer(gzipBytes.toByteArray(), Digest.sha256(tar));
  }

  static Image dockerImage(String name, String architecture, Layer... layers) {
    return image(name, architecture, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, MediaTypes.DOCKER_LAYER_GZIP, layers);
  }

  static Image ociImage(String name, String architecture, Layer... layers) {
    return image(name, architecture, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER_GZIP, layers);
  }

  /** An OCI index over linux/amd64 and linux/arm64 images sharing a base layer. */
  static Index ociIndex(String name) {
    Layer base = layer(name + "-base", 2048);
    Map<String, Image> images = new LinkedHashMap<>();
    List<Descriptor> manifests = new ArrayList<>();
    for (String architecture : List.of("amd64", "arm64")) {
      Image image = ociImage(name, architecture, base, layer(name + "-" + architecture, 1024));
      images.put(architecture, image);
      manifests.add(image.descriptor(new Platform(architecture, "linux", null)));
    }
    return new Index(Json.bytes(ImageIndex.oci(manifests)), images);
  }

  private static Image image(
      String name, String architecture, String manifestType, String configType, String layerType, Layer... layers) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("created", "2024-01-01T00:00:00Z");
    config.put("architecture", architecture);
    config.put("os", "linux");
    config.put("config", Map.of("Cmd", List.of("/bin/" + name)));
    config.put("rootfs", Map.of("type", "layers",
        "diff_ids", List.of(layers).stream().map(l -> l.diffId().toString()).toList()));
    byte[] configBytes = Json.bytes(config);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", manifestType);
    manifest.put("config", Descriptor.of(configType, Digest.sha256(configBytes), configBytes.length));
    manifest.put("layers", List.of(layers).stream()
        .map(l -> Descriptor.of(layerType, l.digest(), l.gzip().length)).toList());
    return new Image(manifestType, Json.bytes(manifest), configBytes, configType, layerType, List.of(layers));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
