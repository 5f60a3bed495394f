package io.kubefile.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small cases derived from sealos's code (fixtures/sealos/derived, see its INDEX.md). */
class SealosFixturesTest {

  @Test
  void manifestScanFollowsTheSealosLineRule() {
    Path context = SharedData.sealosFixture("01-manifests-scan").resolve("context");
    DiscoveryResult result = ImageDiscovery.discover(context, DiscoveryOptions.all());

    Path expected = SharedData.sealosFixture("01-manifests-scan").resolve("expected-images.txt");
    assertThat(SharedData.withUpstreamDigestRule(result))
        .containsExactlyElementsOf(SharedData.normalized(SharedData.entries(expected)));
    // Better than upstream: the digest the author pinned after the tag is kept.
    assertThat(result.names())
        .contains(
            "quay.io/cilium/cilium:v1.12.0@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(result.ignoredLines())
        .extracting(IgnoredLine::toString)
        .containsExactly(
            "manifests/app.yaml.tmpl:3: {{ .appImage }} (invalid reference format)",
            "manifests/deploy.yaml:21: nginx:1.0 # a trailing comment makes the value unparsable -> silently dropped (invalid reference format)",
            "manifests/deploy.yaml:23: Nginx:1.0 (repository name must be lowercase)");
  }

  @Test
  void manifestSourcesNameFileLineAndTextAsWritten() {
    Path context = SharedData.sealosFixture("01-manifests-scan").resolve("context");
    DiscoveryResult result = ImageDiscovery.discover(context, DiscoveryOptions.only(SourceKind.MANIFEST));

    DiscoveredImage nginx = find(result, "docker.io/library/nginx:1.23.1");
    assertThat(nginx.sources())
        .containsExactly(
            new ImageSource("manifests/deploy.yaml", 10, SourceKind.MANIFEST, "nginx:1.23.1"),
            new ImageSource("manifests/deploy.yaml", 12, SourceKind.MANIFEST, "docker.io/library/nginx:1.23.1"));
    assertThat(find(result, "docker.io/cilium/istio_proxy").sources())
        .containsExactly(new ImageSource("manifests/nested/cm.yml", 4, SourceKind.MANIFEST, "cilium/istio_proxy"));
  }

  @Test
  void registryRepositoriesStripTheHostLikeUpstream() {
    Path fixture = SharedData.sealosFixture("01-manifests-scan");
    DiscoveryResult result = ImageDiscovery.discover(fixture.resolve("context"), DiscoveryOptions.all());

    List<String> expectedRepos =
        SharedData.entries(fixture.resolve("expected-registry-repos.txt")).stream()
            .map(l -> l.split("\\s+")[0])
            .map(l -> l.split("[:@]")[0])
            .toList();
    assertThat(result.images())
        .extracting(i -> i.reference().repositoryWithoutRegistry())
        .containsExactlyInAnyOrderElementsOf(Set.copyOf(expectedRepos));
  }

  @Test
  void shimListsAreTrimmedUnquotedAndNormalized() {
    Path fixture = SharedData.sealosFixture("02-shim-list");
    DiscoveryResult result = ImageDiscovery.discover(fixture.resolve("context"), DiscoveryOptions.all());

    // Upstream lists "nginx" and "docker.io/library/nginx:latest" separately; both are one image.
    assertThat(result.names())
        .containsExactly(
            "containers-storage:docker.io/labring/coredns:v0.0.1",
            "docker.io/library/nginx:latest",
            "quay.io/coreos/etcd:v3.5.0");
    assertThat(result.names())
        .containsExactlyElementsOf(SharedData.normalized(SharedData.entries(fixture.resolve("expected-images.txt"))));
    DiscoveredImage coredns = find(result, "containers-storage:docker.io/labring/coredns:v0.0.1");
    assertThat(coredns.location().transport()).isEqualTo(ImageTransport.CONTAINERS_STORAGE);
    assertThat(find(result, "docker.io/library/nginx:latest").sources())
        .extracting(ImageSource::toString)
        .containsExactly("images/shim/list.txt:2", "images/shim/list.txt:4", "images/shim/more/extra:2");
  }

  @Test
  void anInvalidShimLineFailsWithFileAndLine() {
    Path context = SharedData.sealosFixture("03-shim-invalid-line").resolve("context");

    assertThatThrownBy(() -> ImageDiscovery.discover(context, DiscoveryOptions.all()))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageStartingWith("images/shim/list:1: ")
        .hasMessageContaining("nginx:1.25 # inline comment");
  }

  @Test
  void skopeoTarListEntriesAreArchivesUnderImagesSkopeo() {
    Path context = SharedData.sealosFixture("05-skopeo-tars").resolve("context");
    DiscoveryResult result = ImageDiscovery.discover(context, DiscoveryOptions.all());

    assertThat(result.names())
        .containsExactly(
            "docker-archive:images/skopeo/calico.tar@docker.io/calico/cni:v3.20.0",
            "oci-archive:images/skopeo/sub/app.tar@docker.io/myorg/app:1.0");
    DiscoveredImage calico = result.images().get(0);
    assertThat(calico.location().transport()).isEqualTo(ImageTransport.DOCKER_ARCHIVE);
    assertThat(calico.location().archive()).isEqualTo("images/skopeo/calico.tar");
    assertThat(calico.reference().repositoryWithoutRegistry()).isEqualTo("calico/cni");
    assertThat(calico.sources()).containsExactly(
        new ImageSource("images/skopeo/tar.txt", 1, SourceKind.ARCHIVE, "docker-archive:calico.tar@calico/cni:v3.20.0"));
  }

  @Test
  void sealIgnoreRemovesAnImageOnlyWhenEverySpellingOfItIsIgnored() {
    Path fixture = SharedData.sealosFixture("06-sealignore");
    DiscoveryResult result = ImageDiscovery.discover(fixture.resolve("context"), DiscoveryOptions.all());

    // "nginx" ignores the raw shim line "nginx", but "docker.io/library/nginx:latest" is listed too.
    assertThat(result.names())
        .containsExactlyElementsOf(SharedData.normalized(SharedData.entries(fixture.resolve("expected-images.txt"))));
  }

  private static DiscoveredImage find(DiscoveryResult result, String name) {
    return result.images().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }
}
