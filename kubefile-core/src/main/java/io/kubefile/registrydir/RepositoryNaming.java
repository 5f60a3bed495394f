package io.kubefile.registrydir;

import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides where each source image goes in {@code registry/}, before anything is fetched or written.
 *
 * <p>Upstream's rule (SEALOS_COMPAT §3.2): the registry host is dropped, the rest of the path kept ({@code
 * docker.io/library/nginx:1.25} → {@code library/nginx:1.25}, {@code quay.io/cilium/cilium:v1} → {@code
 * cilium/cilium:v1}). Digest-only references are stored by digest, without a tag; {@code name:tag@digest} is
 * stored by digest and tagged (upstream drops the digest; we keep what the author pinned).
 *
 * <p>Because hosts are dropped, different sources can claim one {@code repository:tag}. That is only an
 * error when they are different images: mirrors of one image under two hosts ({@code k8s.gcr.io/pause:3.9}
 * and {@code registry.k8s.io/pause:3.9}) are common in real charts and must keep working. So {@link #plan}
 * rejects what is certain from the references alone (two different pinned digests), and {@link
 * StoragePlan#checkResolved} rejects the rest once the manifests are resolved — both before anything is
 * written.
 */
public final class RepositoryNaming {
  private RepositoryNaming() {}

  /** Where one reference is stored. */
  public static StorageTarget targetOf(ImageReference reference) {
    return new StorageTarget(
        reference.repositoryWithoutRegistry(), reference.tag(), reference.digest().map(Digest::parse));
  }

  /**
   * Plans every reference (duplicates collapse).
   *
   * @throws RepositoryCollisionException when two references pin different digests under one tag
   */
  public static StoragePlan plan(Collection<ImageReference> references) {
    Map<ImageReference, StorageTarget> targets = new TreeMap<>();
    for (ImageReference reference : references) {
      targets.put(reference, targetOf(reference));
    }
    Map<String, List<ImageReference>> claimants = new TreeMap<>();
    targets.forEach(
        (reference, target) ->
            target.taggedName().ifPresent(name -> claimants.computeIfAbsent(name, n -> new ArrayList<>()).add(reference)));
    Map<String, List<ImageReference>> shared = new LinkedHashMap<>();
    claimants.forEach(
        (name, claimed) -> {
          if (claimed.size() > 1) {
            rejectDifferentPins(name, claimed, targets);
            shared.put(name, List.copyOf(claimed));
          }
        });
    return new StoragePlan(targets, shared);
  }

  private static void rejectDifferentPins(
      String taggedName, List<ImageReference> claimants, Map<ImageReference, StorageTarget> targets) {
    ImageReference firstPinned = null;
    for (ImageReference reference : claimants) {
      Optional<Digest> pinned = targets.get(reference).digest();
      if (pinned.isEmpty()) {
        continue;
      }
      if (firstPinned == null) {
        firstPinned = reference;
      } else if (!targets.get(firstPinned).digest().equals(pinned)) {
        throw new RepositoryCollisionException(
            taggedName, firstPinned, reference, "they pin different manifests");
      }
    }
  }
}
