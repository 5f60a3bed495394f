package io.kubefile.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;

/** Media types of the OCI image spec and Docker's schema 2. */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
  public static final String DOCKER_SCHEMA1_SIGNED =
      "application/vnd.docker.distribution.manifest.v1+prettyjws";

  private MediaTypes() {}

  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  public static boolean isManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }

  /**
   * The media type of a manifest or index: the one its carrier declares (a descriptor, a
   * Content-Type header), unless that is empty or generic JSON; else the {@code mediaType} field
   * of the JSON itself; else guessed as distribution does (schema 1 by its version, an index by a
   * {@code manifests} array, otherwise an OCI manifest). The only place manifest types are
   * detected: the registry client, the store, archives and {@code registry/} all ask here.
   */
  public static String detect(String declared, byte[] json) {
    String type = declared == null ? "" : stripParameters(declared);
    if (!type.isEmpty() && !type.equals("application/json") && !type.equals("text/plain")
        && !type.equals("application/octet-stream")) {
      return type;
    }
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(json);
    } catch (IOException e) {
      return type;
    }
    if (tree == null || !tree.isObject()) {
      return type;
    }
    String own = tree.path("mediaType").asText("");
    if (!own.isEmpty()) {
      return own;
    }
    if (tree.path("schemaVersion").asInt() == 1) {
      return tree.has("signatures") ? DOCKER_SCHEMA1_SIGNED : DOCKER_SCHEMA1;
    }
    return tree.path("manifests").isArray() && !tree.has("config") ? OCI_INDEX : OCI_MANIFEST;
  }

  private static String stripParameters(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  public static boolean isSchema1(String mediaType) {
    return DOCKER_SCHEMA1.equals(mediaType) || DOCKER_SCHEMA1_SIGNED.equals(mediaType);
  }
}
