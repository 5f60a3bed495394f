package io.kubefile.transport;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.MediaTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A docker-archive image seen as OCI: the manifest a load stores for it (config as OCI config,
 * each layer file as a tar or tar+gzip layer). Inspect and load share it so they agree on the
 * manifest digest.
 */
record DockerImageParts(Digest configDigest, ImageManifest manifest) {
  static DockerImageParts of(ArchiveContents contents, DockerArchive.ManifestEntry entry) {
    if (entry.Config() == null) {
      throw new io.kubefile.store.StoreException("manifest.json entry without Config in " + contents.archive());
    }
    ArchiveFile config = contents.require(entry.Config());
    List<Descriptor> layers = new ArrayList<>();
    for (String path : entry.Layers()) {
      ArchiveFile layer = contents.require(path);
      String mediaType = layer.gzipped() ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER;
      layers.add(Descriptor.of(mediaType, layer.digest(), layer.size()));
    }
    Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, config.digest(), config.size());
    return new DockerImageParts(config.digest(), ImageManifest.oci(configDescriptor, layers, Map.of()));
  }
}
