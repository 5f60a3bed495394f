package io.kubefile.distribution;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.RuntimeConfig;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A small image assembled in memory: a config and two "layers" of random bytes. */
record TestImage(byte[] config, byte[] layer1, byte[] layer2, byte[] manifest) {

  static TestImage create(long seed, int layerSize) {
    Random random = new Random(seed);
    byte[] layer1 = new byte[layerSize];
    byte[] layer2 = new byte[layerSize / 2 + 1];
    random.nextBytes(layer1);
    random.nextBytes(layer2);
    ImageConfig imageConfig = new ImageConfig("2024-01-01T00:00:00Z", null, "amd64", "linux", null,
        RuntimeConfig.empty(),
        new ImageConfig.RootFs("layers", List.of(Digest.sha256(layer1), Digest.sha256(layer2))),
        List.of());
    byte[] config = Json.bytes(imageConfig);
    ImageManifest manifest = ImageManifest.oci(
        Descriptor.of(MediaTypes.OCI_CONFIG, Digest.sha256(config), config.length),
        List.of(Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(layer1), layer1.length),
            Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(layer2), layer2.length)),
        Map.of());
    return new TestImage(config, layer1, layer2, Json.bytes(manifest));
  }

  Descriptor configDescriptor() {
    return Descriptor.of(MediaTypes.OCI_CONFIG, Digest.sha256(config), config.length);
  }

  Descriptor layer1Descriptor() {
    return Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(layer1), layer1.length);
  }

  Descriptor layer2Descriptor() {
    return Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(layer2), layer2.length);
  }

  Digest manifestDigest() {
    return Digest.sha256(manifest);
  }

  /** Pushes blobs then the manifest under {@code tag}. */
  void push(RegistryClient client, Repository repository, String tag) throws java.io.IOException {
    client.pushBlob(repository, configDescriptor(), BlobSource.of(config));
    client.pushBlob(repository, layer1Descriptor(), BlobSource.of(layer1));
    client.pushBlob(repository, layer2Descriptor(), BlobSource.of(layer2));
    client.putManifest(io.kubefile.image.ImageReference.parse(repository + ":" + tag), manifest, MediaTypes.OCI_MANIFEST);
  }
}
