package io.kubefile.registrydir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where source images go in registry/, and which combinations are refused before anything is written. */
class RepositoryNamingTest {
  private static final String DIGEST_A = "sha256:" + "a".repeat(64);
  private static final String DIGEST_B = "sha256:" + "b".repeat(64);

  private static StorageTarget target(String reference) {
    return RepositoryNaming.targetOf(ImageReference.parse(reference));
  }

  private static List<ImageReference> references(String... references) {
    return java.util.Arrays.stream(references).map(ImageReference::parse).toList();
  }

  @Test
  void theRegistryHostIsDroppedAndTheRestOfThePathKept() {
    assertThat(target("docker.io/library/nginx:1.25").toString()).isEqualTo("library/nginx:1.25");
    assertThat(target("nginx").toString()).isEqualTo("library/nginx:latest");
    assertThat(target("quay.io/cilium/cilium:v1.12.0").toString()).isEqualTo("cilium/cilium:v1.12.0");
    assertThat(target("registry.k8s.io/pause:3.9").toString()).isEqualTo("pause:3.9");
    assertThat(target("localhost:5000/team/app:v2").toString()).isEqualTo("team/app:v2");
  }

  @Test
  void aDigestOnlyReferenceIsStoredByDigestWithoutATag() {
    StorageTarget target = target("quay.io/cilium/cilium@" + DIGEST_A);
    assertThat(target.repository()).isEqualTo("cilium/cilium");
    assertThat(target.tag()).isEmpty();
    assertThat(target.digest()).contains(Digest.parse(DIGEST_A));
    assertThat(target.taggedName()).isEmpty();
  }

  @Test
  void aTagAndDigestReferenceIsStoredByDigestAndTagged() {
    StorageTarget target = target("quay.io/cilium/cilium:v1.12.0@" + DIGEST_A);
    assertThat(target).isEqualTo(new StorageTarget("cilium/cilium", Optional.of("v1.12.0"), Optional.of(Digest.parse(DIGEST_A))));
  }

  @Test
  void theSameImageFromTwoRegistriesIsAllowedWhenItResolvesToOneManifest() {
    StoragePlan plan = RepositoryNaming.plan(references("k8s.gcr.io/pause:3.9", "registry.k8s.io/pause:3.9", "nginx:1.25"));

    assertThat(plan.sharedTags()).containsOnlyKeys("pause:3.9");
    plan.checkResolved(
        Map.of(
            ImageReference.parse("k8s.gcr.io/pause:3.9"), Digest.parse(DIGEST_A),
            ImageReference.parse("registry.k8s.io/pause:3.9"), Digest.parse(DIGEST_A)));
  }

  @Test
  void twoSourcesResolvingToDifferentManifestsForOneTagAreRefusedNamingBoth() {
    ImageReference docker = ImageReference.parse("docker.io/cilium/cilium:v1");
    ImageReference quay = ImageReference.parse("quay.io/cilium/cilium:v1");
    StoragePlan plan = RepositoryNaming.plan(List.of(quay, docker));

    assertThatThrownBy(() -> plan.checkResolved(Map.of(docker, Digest.parse(DIGEST_A), quay, Digest.parse(DIGEST_B))))
        .isInstanceOf(RepositoryCollisionException.class)
        .hasMessageContaining("docker.io/cilium/cilium:v1")
        .hasMessageContaining("quay.io/cilium/cilium:v1")
        .hasMessageContaining("cilium/cilium:v1")
        .satisfies(e -> assertThat(((RepositoryCollisionException) e).taggedName()).isEqualTo("cilium/cilium:v1"));
  }

  @Test
  void twoReferencesPinningDifferentDigestsUnderOneTagAreRefusedAtPlanning() {
    assertThatThrownBy(
            () -> RepositoryNaming.plan(references("docker.io/cilium/cilium:v1@" + DIGEST_A, "quay.io/cilium/cilium:v1@" + DIGEST_B)))
        .isInstanceOf(RepositoryCollisionException.class)
        .hasMessageContaining("docker.io/cilium/cilium:v1@" + DIGEST_A)
        .hasMessageContaining("quay.io/cilium/cilium:v1@" + DIGEST_B);
  }

  @Test
  void digestOnlyReferencesNeverCollide() {
    StoragePlan plan = RepositoryNaming.plan(references("docker.io/cilium/cilium@" + DIGEST_A, "quay.io/cilium/cilium@" + DIGEST_B));
    assertThat(plan.sharedTags()).isEmpty();
    assertThat(plan.targets()).hasSize(2);
  }

  @Test
  void equalReferencesCollapseAndThePlanMapsEachToItsTarget() {
    StoragePlan plan = RepositoryNaming.plan(references("nginx", "docker.io/library/nginx:latest", "quay.io/x/y:1"));
    assertThat(plan.targets()).hasSize(2);
    assertThat(plan.targetOf(ImageReference.parse("nginx")).toString()).isEqualTo("library/nginx:latest");
    assertThat(plan.sharedTags()).isEmpty();
  }
}
