package io.kubefile.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker schema 2 manifests and manifest lists as OCI ones, for everything written into an OCI
 * manifest or OCI layout (the store, {@code oci:}, {@code oci-archive}), which OCI tools (umoci,
 * skopeo's {@code oci:} transport) read only with OCI media types. The media types are mapped as
 * containers/image's {@code convertToManifestOCI1} maps them (layers, foreign layers, config),
 * and the result is written in the OCI field order; digests, sizes, annotations and platforms are
 * kept.
 *
 * <p>One deliberate difference: containers/image also re-encodes the config through the OCI
 * struct, which drops Docker-only fields ({@code container_config}, {@code docker_version}) and so
 * changes the image ID. The config is kept byte-for-byte here, so the image ID stays the one
 * docker and podman show for the image, and OCI readers ignore fields they do not know (as the
 * image spec requires).
 */
public final class OciConversion {
  private OciConversion() {}

  /** Whether the manifest or index has a Docker media type, and so needs converting. */
  public static boolean isDocker(RawManifest manifest) {
    return MediaTypes.DOCKER_MANIFEST.equals(manifest.mediaType())
        || MediaTypes.DOCKER_MANIFEST_LIST.equals(manifest.mediaType());
  }

  /** The OCI form of a Docker schema 2 image manifest; an OCI one is returned as it is. */
  public static RawManifest manifest(RawManifest docker) {
    if (!MediaTypes.DOCKER_MANIFEST.equals(docker.mediaType())) {
      return docker;
    }
    ImageManifest parsed = docker.asManifest();
    Descriptor config = withMediaType(parsed.config(), MediaTypes.OCI_CONFIG);
    List<Descriptor> layers = new ArrayList<>();
    for (Descriptor layer : parsed.layers()) {
      layers.add(withMediaType(layer, layerType(layer.mediaType(), docker)));
    }
    byte[] bytes = Json.bytes(ImageManifest.oci(config, layers, parsed.annotations()));
    return new RawManifest(bytes, MediaTypes.OCI_MANIFEST, Digest.sha256(bytes));
  }

  /**
   * The OCI form of a Docker manifest list, listing the converted children (by their original
   * digest) with their new digests; an OCI index whose children did not change is returned as it is.
   */
  public static RawManifest index(RawManifest list, Map<Digest, RawManifest> convertedChildren) {
    boolean childChanged = convertedChildren.entrySet().stream()
        .anyMatch(e -> !e.getKey().equals(e.getValue().digest()));
    if (!MediaTypes.DOCKER_MANIFEST_LIST.equals(list.mediaType()) && !childChanged) {
      return list;
    }
    ImageIndex parsed = list.asIndex();
    List<Descriptor> children = new ArrayList<>();
    for (Descriptor child : parsed.manifests()) {
      RawManifest converted = convertedChildren.get(child.digest());
      if (converted == null) {
        children.add(child);
      } else {
        children.add(new Descriptor(converted.mediaType(), converted.digest(), converted.bytes().length,
            child.annotations(), child.platform()));
      }
    }
    byte[] bytes = Json.bytes(new ImageIndex(2, MediaTypes.OCI_INDEX, children, parsed.annotations()));
    return new RawManifest(bytes, MediaTypes.OCI_INDEX, Digest.sha256(bytes));
  }

  private static Descriptor withMediaType(Descriptor descriptor, String mediaType) {
    return new Descriptor(mediaType, descriptor.digest(), descriptor.size(), descriptor.annotations(),
        descriptor.platform());
  }

  private static String layerType(String dockerType, RawManifest manifest) {
    return switch (dockerType == null ? "" : dockerType) {
      case MediaTypes.DOCKER_LAYER_GZIP -> MediaTypes.OCI_LAYER_GZIP;
      case MediaTypes.DOCKER_LAYER -> MediaTypes.OCI_LAYER;
      case "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip" ->
          "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
      case "application/vnd.docker.image.rootfs.foreign.diff.tar" ->
          "application/vnd.oci.image.layer.nondistributable.v1.tar";
      case MediaTypes.OCI_LAYER, MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_ZSTD -> dockerType;
      default -> throw new io.kubefile.KubefileException("image manifest " + manifest.digest()
          + " has a layer of unknown media type \"" + dockerType + "\": it cannot be converted to OCI");
    };
  }
}
