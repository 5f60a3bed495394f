package io.kubefile.registrydir;

import io.kubefile.image.Digest;
import java.nio.file.Path;

/**
 * Where distribution's filesystem driver keeps each thing, relative to its root directory. Mirrors {@code
 * registry/storage/paths.go} (docker/distribution 2.x and distribution v3 share it):
 *
 * <pre>
 * docker/registry/v2/blobs/&lt;alg&gt;/&lt;hex[0:2]&gt;/&lt;hex&gt;/data
 * docker/registry/v2/repositories/&lt;repo&gt;/_layers/&lt;alg&gt;/&lt;hex&gt;/link
 * docker/registry/v2/repositories/&lt;repo&gt;/_manifests/revisions/&lt;alg&gt;/&lt;hex&gt;/link
 * docker/registry/v2/repositories/&lt;repo&gt;/_manifests/tags/&lt;tag&gt;/current/link
 * docker/registry/v2/repositories/&lt;repo&gt;/_manifests/tags/&lt;tag&gt;/index/&lt;alg&gt;/&lt;hex&gt;/link
 * </pre>
 */
final class RegistryPaths {
  static final String LINK_FILE = "link";
  static final String DATA_FILE = "data";
  static final String MANIFESTS_DIR = "_manifests";

  private final Path root;

  RegistryPaths(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Path v2() {
    return root.resolve("docker/registry/v2");
  }

  Path blobs() {
    return v2().resolve("blobs");
  }

  Path repositories() {
    return v2().resolve("repositories");
  }

  Path blobData(Digest digest) {
    if (digest.hex().length() < 2) {
      throw new IllegalArgumentException("digest too short for a blob path: " + digest);
    }
    return blobs()
        .resolve(digest.algorithm())
        .resolve(digest.hex().substring(0, 2))
        .resolve(digest.hex())
        .resolve(DATA_FILE);
  }

  Path repository(String repository) {
    return repositories().resolve(repository);
  }

  /** Links a blob (layer or config) into a repository, so {@code GET /v2/<repo>/blobs/<digest>} finds it. */
  Path layerLink(String repository, Digest digest) {
    return repository(repository)
        .resolve("_layers")
        .resolve(digest.algorithm())
        .resolve(digest.hex())
        .resolve(LINK_FILE);
  }

  Path manifests(String repository) {
    return repository(repository).resolve(MANIFESTS_DIR);
  }

  Path manifestRevisionLink(String repository, Digest digest) {
    return manifests(repository)
        .resolve("revisions")
        .resolve(digest.algorithm())
        .resolve(digest.hex())
        .resolve(LINK_FILE);
  }

  Path tags(String repository) {
    return manifests(repository).resolve("tags");
  }

  Path tagCurrentLink(String repository, String tag) {
    return tags(repository).resolve(tag).resolve("current").resolve(LINK_FILE);
  }

  /** The history of a tag: one link per manifest the tag has ever pointed to. */
  Path tagIndexLink(String repository, String tag, Digest digest) {
    return tags(repository)
        .resolve(tag)
        .resolve("index")
        .resolve(digest.algorithm())
        .resolve(digest.hex())
        .resolve(LINK_FILE);
  }
}
