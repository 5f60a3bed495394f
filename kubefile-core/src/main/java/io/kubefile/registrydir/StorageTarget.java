package io.kubefile.registrydir;

import io.kubefile.image.Digest;
import java.util.Optional;

/**
 * Where one source image goes inside {@code registry/}: a repository (the source name with its registry host
 * dropped, SEALOS_COMPAT §3.2) and a tag, a digest, or both.
 *
 * @param repository e.g. {@code library/nginx}, {@code cilium/cilium}
 * @param tag the tag to point at the stored manifest; empty for digest-only references
 * @param digest the pinned manifest digest, stored as a revision; empty when only a tag was given
 */
public record StorageTarget(String repository, Optional<String> tag, Optional<Digest> digest) {

  public StorageTarget {
    RepositoryNames.requireRepository(repository);
    tag.ifPresent(RepositoryNames::requireTag);
    if (tag.isEmpty() && digest.isEmpty()) {
      throw new IllegalArgumentException("storage target " + repository + " needs a tag or a digest");
    }
  }

  /** {@code repository:tag}, the name a collision is about; empty for digest-only targets. */
  public Optional<String> taggedName() {
    return tag.map(t -> repository + ":" + t);
  }

  /** {@code repository[:tag][@digest]}, the name the registry serves the image under. */
  @Override
  public String toString() {
    return repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
