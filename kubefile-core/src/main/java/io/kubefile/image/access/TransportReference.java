package io.kubefile.image.access;

import io.kubefile.image.ImageReference;
import java.util.Optional;

/**
 * Where an image is, as every command reads it from its arguments: {@code docker://REF} (a
 * registry), {@code oci:DIR[:REF]} (an OCI layout), {@code oci-archive:PATH[:REF]}, {@code
 * docker-archive:PATH[:REF]}, {@code registry-dir:DIR:NAME} (a {@code registry/} directory in
 * distribution's storage layout, as a sealos cluster image carries it; NAME is an image name whose
 * registry host is dropped, as sealos stores it: {@code nginx:1.25} is {@code library/nginx:1.25}),
 * or else a name or ID in the local store. {@code PATH[:REF]} is split
 * at the first colon, as containers/image splits it, so a path cannot contain a colon but a
 * reference can ({@code oci-archive:app.tar:example.com:5000/app:v1}).
 *
 * @param path the file or directory of a layout or archive; null for registries and the store
 * @param name the reference: an image name for registries, a name or ID for the store, the
 *     optional name inside a layout or archive (null when not given)
 */
public record TransportReference(Transport transport, String path, String name) {
  /** The kinds of place an image can be read from or written to. */
  public enum Transport {
    DOCKER("docker://"),
    OCI("oci:"),
    OCI_ARCHIVE("oci-archive:"),
    DOCKER_ARCHIVE("docker-archive:"),
    REGISTRY_DIR("registry-dir:"),
    STORE("");

    private final String prefix;

    Transport(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }

    /** A layout or archive: a path, then an optional name. */
    public boolean hasPath() {
      return this == OCI || this == OCI_ARCHIVE || this == DOCKER_ARCHIVE || this == REGISTRY_DIR;
    }
  }

  /**
   * Parses what a user typed; errors name the text.
   *
   * @throws ImageReference.InvalidReferenceException for an empty path, or an invalid {@code docker://} reference
   */
  public static TransportReference parse(String text) {
    for (Transport transport : Transport.values()) {
      if (transport == Transport.STORE || !text.startsWith(transport.prefix())) {
        continue;
      }
      String rest = text.substring(transport.prefix().length());
      if (transport == Transport.DOCKER) {
        return new TransportReference(transport, null, ImageReference.parse(rest).toString());
      }
      int colon = rest.indexOf(':');
      String path = colon < 0 ? rest : rest.substring(0, colon);
      String name = colon < 0 || colon == rest.length() - 1 ? null : rest.substring(colon + 1);
      if (path.isEmpty()) {
        throw new ImageReference.InvalidReferenceException(text, "the " + transport.prefix() + " path is empty");
      }
      return new TransportReference(transport, path, name);
    }
    if (text.isBlank()) {
      throw new ImageReference.InvalidReferenceException(text, "it is empty");
    }
    return new TransportReference(Transport.STORE, null, text);
  }

  /** The name, when one was given. */
  public Optional<String> optionalName() {
    return Optional.ofNullable(name);
  }

  @Override
  public String toString() {
    if (transport.hasPath()) {
      return transport.prefix() + path + (name == null ? "" : ":" + name);
    }
    return transport.prefix() + name;
  }
}
