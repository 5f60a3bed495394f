package io.kubefile.registrydir;

import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The result of {@link RepositoryNaming#plan}: where each source reference is stored, and which tags are
 * claimed by more than one reference (allowed only if they resolve to the same manifest).
 */
public final class StoragePlan {
  private final Map<ImageReference, StorageTarget> targets;
  private final Map<String, List<ImageReference>> sharedTags;

  StoragePlan(Map<ImageReference, StorageTarget> targets, Map<String, List<ImageReference>> sharedTags) {
    this.targets = Collections.unmodifiableMap(targets);
    this.sharedTags = Collections.unmodifiableMap(sharedTags);
  }

  /** Every planned reference and its target, ordered by reference. */
  public Map<ImageReference, StorageTarget> targets() {
    return targets;
  }

  public StorageTarget targetOf(ImageReference reference) {
    StorageTarget target = targets.get(reference);
    if (target == null) {
      throw new NoSuchElementException("\"" + reference + "\" is not part of this plan");
    }
    return target;
  }

  /** {@code repository:tag} names claimed by several references, with those references. */
  public Map<String, List<ImageReference>> sharedTags() {
    return sharedTags;
  }

  /**
   * Checks the shared tags once each reference's manifest is known (the digest that will be tagged), before
   * anything is written. References absent from {@code taggedManifests} are not checked.
   *
   * @throws RepositoryCollisionException naming both references when one tag would get two manifests
   */
  public void checkResolved(Map<ImageReference, Digest> taggedManifests) {
    sharedTags.forEach(
        (taggedName, claimants) -> {
          ImageReference first = null;
          for (ImageReference reference : claimants) {
            Digest resolved = taggedManifests.get(reference);
            if (resolved == null) {
              continue;
            }
            if (first == null) {
              first = reference;
            } else if (!taggedManifests.get(first).equals(resolved)) {
              throw new RepositoryCollisionException(
                  taggedName,
                  first,
                  reference,
                  "they are different images (" + taggedManifests.get(first) + " and " + resolved + ")");
            }
          }
        });
  }
}
