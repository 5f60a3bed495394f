package io.kubefile.registrydir;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a stored manifest is and what it refers to, read from its raw bytes the way distribution 2.8's
 * manifest store does ({@code manifeststore.go: Get}): the registry keeps no media type on disk, it derives
 * the {@code Content-Type} it serves from the JSON ({@code schemaVersion}, {@code mediaType}, and for OCI
 * content without {@code mediaType}, whether there is a {@code manifests} array).
 *
 * @param mediaType the media type the registry will serve the manifest with
 * @param blobs the config and layers of an image manifest (empty for an index)
 * @param children the manifests an index lists (empty for an image manifest)
 */
record ManifestContent(String mediaType, List<Descriptor> blobs, List<Descriptor> children) {

  ManifestContent {
    blobs = List.copyOf(blobs);
    children = List.copyOf(children);
  }

  boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  static ManifestContent parse(byte[] raw) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(raw);
    } catch (IOException e) {
      throw new IllegalArgumentException("manifest is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("manifest is not a JSON object");
    }
    int schemaVersion = root.path("schemaVersion").asInt(-1);
    if (schemaVersion == 1) {
      throw new IllegalArgumentException(
          "Docker schema 1 manifests are not stored: registries and runtimes have dropped them");
    }
    if (schemaVersion != 2) {
      throw new IllegalArgumentException("unsupported manifest schemaVersion " + root.path("schemaVersion"));
    }
    // OCI allows leaving mediaType out; distribution then guesses an index from a "manifests" array.
    String mediaType = MediaTypes.detect(null, raw);
    if (!MediaTypes.isIndex(mediaType) && !MediaTypes.isManifest(mediaType)) {
      throw new IllegalArgumentException("unsupported manifest media type \"" + mediaType + "\"");
    }
    if (MediaTypes.isIndex(mediaType)) {
      return new ManifestContent(mediaType, List.of(), descriptors(root.path("manifests"), "manifests"));
    }
    if (!root.path("config").isObject()) {
      throw new IllegalArgumentException("image manifest has no config descriptor");
    }
    List<Descriptor> blobs = new ArrayList<>();
    blobs.add(descriptor(root.path("config"), "config"));
    blobs.addAll(descriptors(root.path("layers"), "layers"));
    return new ManifestContent(mediaType, blobs, List.of());
  }

  /** The media type without parameters, lowercased: {@code Content-Type} headers may carry a charset. */
  static String essence(String mediaType) {
    int semicolon = mediaType.indexOf(';');
    return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Layers a registry never stores (Windows base layers, OCI non-distributable): distribution skips them
   * when verifying a manifest, so they need not be present.
   */
  static boolean isNonDistributable(Descriptor descriptor) {
    String type = descriptor.mediaType() == null ? "" : descriptor.mediaType();
    return type.equals("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip")
        || type.startsWith("application/vnd.oci.image.layer.nondistributable.");
  }

  private static List<Descriptor> descriptors(JsonNode array, String field) {
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("manifest field \"" + field + "\" is not an array");
    }
    List<Descriptor> result = new ArrayList<>();
    for (JsonNode node : array) {
      result.add(descriptor(node, field));
    }
    return result;
  }

  private static Descriptor descriptor(JsonNode node, String field) {
    Descriptor descriptor;
    try {
      descriptor = Json.mapper().treeToValue(node, Descriptor.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid descriptor in \"" + field + "\": " + e.getMessage(), e);
    }
    if (descriptor.digest() == null) {
      throw new IllegalArgumentException("descriptor in \"" + field + "\" has no digest");
    }
    return descriptor;
  }
}
