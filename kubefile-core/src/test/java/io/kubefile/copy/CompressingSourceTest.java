package io.kubefile.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySource;
import io.kubefile.store.BlobInfo;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressingSourceTest {
  @TempDir Path root;
  @TempDir Path otherRoot;
  ImageStore store;
  ExecutorService workers;

  @BeforeEach
  void open() throws IOException {
    store = ImageStore.open(root);
    workers = BlobWorkers.newPool();
  }

  @AfterEach
  void close() {
    workers.shutdownNow();
  }

  private static byte[] layerBytes(String text) {
    return text.repeat(5000).getBytes(StandardCharsets.UTF_8);
  }

  /** A stored manifest of {@code type} with a config and the given layers; an extra field checks it survives. */
  private static Descriptor manifest(ImageStore store, String type, List<Descriptor> layers) throws IOException {
    BlobInfo config = store.putBlob("{\"rootfs\":{}}".getBytes(StandardCharsets.UTF_8));
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + type + "\",\"config\":"
        + new String(Json.bytes(config.descriptor(MediaTypes.OCI_CONFIG)), StandardCharsets.UTF_8) + ",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      json.append(i == 0 ? "" : ",").append(new String(Json.bytes(layers.get(i)), StandardCharsets.UTF_8));
    }
    json.append("],\"annotations\":{\"keep\":\"me\"},\"x-extra\":[1,2]}");
    return store.putBlob(json.toString().getBytes(StandardCharsets.UTF_8)).descriptor(type);
  }

  private static CopySource source(ImageStore store, Descriptor root) {
    return new CopySource() {
      @Override
      public RawManifest root() throws IOException {
        return manifest(root);
      }

      @Override
      public RawManifest manifest(Descriptor d) throws IOException {
        return new RawManifest(store.readBlob(d.digest()), d.mediaType(), d.digest());
      }

      @Override
      public void fetchBlob(Descriptor blob, Path target) throws IOException {
        Files.copy(store.blobPath(blob.digest()), target);
      }

      @Override
      public String describe() {
        return "test";
      }
    };
  }

  @Test
  void uncompressedLayersAreGzippedAndTheManifestRewritten() throws Exception {
    BlobInfo oci = store.putBlob(layerBytes("oci layer "));
    BlobInfo docker = store.putBlob(layerBytes("docker layer "));
    BlobInfo already = store.putBlob(new byte[] {0x1f, (byte) 0x8b, 8, 0});
    Descriptor root = manifest(store, MediaTypes.OCI_MANIFEST, List.of(
        oci.descriptor(MediaTypes.OCI_LAYER).withAnnotations(java.util.Map.of("a", "b")),
        already.descriptor(MediaTypes.OCI_LAYER_GZIP)));
    LayerCompression compression = new LayerCompression(store);

    RawManifest rewritten = new CompressingSource(source(store, root), compression,
        CopyOptions.forPlatform(Platform.host()), workers).root();

    assertThat(rewritten.digest()).isEqualTo(Digest.sha256(rewritten.bytes())).isNotEqualTo(root.digest());
    JsonNode tree = Json.mapper().readTree(rewritten.bytes());
    assertThat(tree.path("x-extra").size()).isEqualTo(2);
    assertThat(tree.path("annotations").path("keep").asText()).isEqualTo("me");
    JsonNode gz = tree.path("layers").get(0);
    assertThat(gz.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    assertThat(gz.path("annotations").path("a").asText()).isEqualTo("b");
    Digest gzDigest = Digest.parse(gz.path("digest").asText());
    assertThat(store.blobSize(gzDigest)).isEqualTo(gz.path("size").asLong()).isLessThan(oci.size() / 10);
    try (GZIPInputStream in = new GZIPInputStream(store.openBlob(gzDigest))) {
      assertThat(Digest.sha256(in.readAllBytes())).isEqualTo(oci.digest());
    }
    byte[] header = Files.readAllBytes(store.blobPath(gzDigest));
    assertThat(header[3]).as("no file name").isZero();
    assertThat(new byte[] {header[4], header[5], header[6], header[7]}).as("mtime 0").containsOnly(0);
    assertThat(tree.path("layers").get(1).path("digest").asText()).isEqualTo(already.digest().toString());
    assertThat(compression.compressions()).isEqualTo(1);

    // Docker schema 2: the Docker gzip type; the same layer in another store compresses to the same bytes.
    ImageStore other = ImageStore.open(otherRoot);
    other.putBlob(layerBytes("oci layer "));
    other.putBlob(layerBytes("docker layer "));
    Descriptor dockerRoot = manifest(other, MediaTypes.DOCKER_MANIFEST, List.of(
        docker.descriptor(MediaTypes.DOCKER_LAYER), oci.descriptor(MediaTypes.DOCKER_LAYER)));
    RawManifest dockerRewritten = new CompressingSource(source(other, dockerRoot), new LayerCompression(other),
        CopyOptions.forPlatform(Platform.host()), workers).root();
    JsonNode layers = Json.mapper().readTree(dockerRewritten.bytes()).path("layers");
    assertThat(layers.get(0).path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
    assertThat(layers.get(1).path("digest").asText()).isEqualTo(gzDigest.toString());
  }

  @Test
  void aLayerIsCompressedOnceAndRecompressedWhenItsBlobWasPruned() throws Exception {
    BlobInfo layer = store.putBlob(layerBytes("cached "));
    Descriptor root = manifest(store, MediaTypes.OCI_MANIFEST, List.of(layer.descriptor(MediaTypes.OCI_LAYER)));
    LayerCompression first = new LayerCompression(store);
    RawManifest once = new CompressingSource(source(store, root), first, CopyOptions.forPlatform(Platform.host()), workers).root();
    assertThat(first.compressions()).isEqualTo(1);
    assertThat(first.recordPath(layer.digest())).exists();

    LayerCompression second = new LayerCompression(store);
    RawManifest twice = new CompressingSource(source(store, root), second, CopyOptions.forPlatform(Platform.host()), workers).root();
    assertThat(twice.bytes()).isEqualTo(once.bytes());
    assertThat(second.compressions()).as("served from the cache record").isZero();

    Digest gz = Digest.parse(Json.mapper().readTree(once.bytes()).path("layers").get(0).path("digest").asText());
    Files.delete(store.blobPath(gz)); // as prune does: the compressed blob belongs to no image
    LayerCompression third = new LayerCompression(store);
    RawManifest again = new CompressingSource(source(store, root), third, CopyOptions.forPlatform(Platform.host()), workers).root();
    assertThat(again.bytes()).isEqualTo(once.bytes());
    assertThat(third.compressions()).isEqualTo(1);
    assertThat(store.hasBlob(gz)).isTrue();
  }

  @Test
  void aManifestWithoutUncompressedLayersKeepsItsBytesAndAnIndexIsRewrittenOnlyForAll() throws Exception {
    BlobInfo gz = store.putBlob(new byte[] {0x1f, (byte) 0x8b, 8, 0});
    Descriptor compressed = manifest(store, MediaTypes.OCI_MANIFEST, List.of(gz.descriptor(MediaTypes.OCI_LAYER_GZIP)));
    assertThat(new CompressingSource(source(store, compressed), new LayerCompression(store),
        CopyOptions.forPlatform(Platform.host()), workers).root().digest()).isEqualTo(compressed.digest());

    BlobInfo tar = store.putBlob(layerBytes("index child "));
    Descriptor child = manifest(store, MediaTypes.OCI_MANIFEST, List.of(tar.descriptor(MediaTypes.OCI_LAYER)))
        .withPlatform(Platform.host());
    Descriptor other = compressed.withPlatform(new Platform("s390x", "linux", null));
    Descriptor index = store.putBlob(Json.bytes(ImageIndex.oci(List.of(child, other)))).descriptor(MediaTypes.OCI_INDEX);
    CompressingSource all = new CompressingSource(source(store, index), new LayerCompression(store),
        CopyOptions.all(Platform.host()), workers);
    RawManifest rewrittenIndex = all.root();
    ImageIndex parsed = rewrittenIndex.asIndex();
    assertThat(parsed.manifests().get(1)).isEqualTo(other);
    Descriptor newChild = parsed.manifests().get(0);
    assertThat(newChild.platform()).isEqualTo(Platform.host());
    RawManifest served = all.manifest(newChild);
    assertThat(served.digest()).isEqualTo(newChild.digest()).isNotEqualTo(child.digest());
    assertThat(served.bytes().length).isEqualTo((int) newChild.size());

    RawManifest single = new CompressingSource(source(store, index), new LayerCompression(store),
        CopyOptions.forPlatform(Platform.host()), workers).root();
    assertThat(single.digest()).isEqualTo(newChild.digest());
  }

  @Test
  void aMissingLayerIsReported() throws Exception {
    Digest absent = Digest.sha256("absent".getBytes(StandardCharsets.UTF_8));
    Descriptor root = manifest(store, MediaTypes.OCI_MANIFEST, List.of(Descriptor.of(MediaTypes.OCI_LAYER, absent, 6)));
    assertThatThrownBy(() -> new CompressingSource(source(store, root), new LayerCompression(store),
        CopyOptions.forPlatform(Platform.host()), workers).root())
        .isInstanceOf(IOException.class).hasMessageContaining(absent.toString());
  }
}
