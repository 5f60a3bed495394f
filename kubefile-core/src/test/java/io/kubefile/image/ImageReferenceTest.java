package io.kubefile.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.ImageReference.InvalidReferenceException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  private static final String SHA = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "nginx, docker.io/library/nginx:latest",
    "nginx:1.23.1, docker.io/library/nginx:1.23.1",
    "library/nginx, docker.io/library/nginx:latest",
    "docker.io/nginx, docker.io/library/nginx:latest",
    "index.docker.io/nginx:1, docker.io/library/nginx:1",
    "index.docker.io/bitnami/redis:7, docker.io/bitnami/redis:7",
    "cilium/istio_proxy, docker.io/cilium/istio_proxy:latest",
    "quay.io/cilium/cilium:v1.12.0, quay.io/cilium/cilium:v1.12.0",
    "localhost/foo, localhost/foo:latest",
    "localhost:5000/foo/bar:1, localhost:5000/foo/bar:1",
    "myhost:5000/foo, myhost:5000/foo:latest",
    "127.0.0.1:5000/a/b:c, 127.0.0.1:5000/a/b:c",
    "[::1]:5000/foo:1, [::1]:5000/foo:1",
    "registry.k8s.io/pause:3.9, registry.k8s.io/pause:3.9",
    "a/b/c/d:t_1.x-y, docker.io/a/b/c/d:t_1.x-y",
    "my__repo/with--dashes.and_dots, docker.io/my__repo/with--dashes.and_dots:latest",
    "Registry.Example.com/app:1, Registry.Example.com/app:1",
  })
  void normalizesLikeDocker(String input, String expected) {
    assertThat(ImageReference.parse(input)).hasToString(expected);
  }

  @Test
  void digestOnlyReferencesGetNoDefaultTag() {
    ImageReference ref = ImageReference.parse("registry.k8s.io/pause@" + SHA);
    assertThat(ref).hasToString("registry.k8s.io/pause@" + SHA);
    assertThat(ref.tag()).isEmpty();
    assertThat(ref.digest()).contains(SHA);
  }

  @Test
  void tagAndDigestAreBothKept() {
    ImageReference ref = ImageReference.parse("quay.io/cilium/cilium:v1.12.0@" + SHA);
    assertThat(ref).hasToString("quay.io/cilium/cilium:v1.12.0@" + SHA);
    assertThat(ref.tag()).contains("v1.12.0");
    assertThat(ref.digest()).contains(SHA);
    assertThat(ref.withoutDigest()).hasToString("quay.io/cilium/cilium:v1.12.0");
  }

  @Test
  void exposesItsParts() {
    ImageReference ref = ImageReference.parse("localhost:5000/team/app:2.0");
    assertThat(ref.registry()).isEqualTo("localhost:5000");
    assertThat(ref.repository()).isEqualTo("team/app");
    assertThat(ref.name()).isEqualTo("localhost:5000/team/app");
    assertThat(ref.tag()).contains("2.0");
    assertThat(ref.isTagImplied()).isFalse();
    assertThat(ref.digest()).isEmpty();
    assertThat(ImageReference.parse("nginx").isTagImplied()).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "nginx, nginx:latest",
    "docker.io/library/nginx:1.25, nginx:1.25",
    "bitnami/redis:7, bitnami/redis:7",
    "docker.io/library/a/b:1, library/a/b:1",
    "quay.io/cilium/cilium:v1.12.0, quay.io/cilium/cilium:v1.12.0",
  })
  void familiarFormIsDockersShortName(String input, String familiar) {
    assertThat(ImageReference.parse(input).familiar()).isEqualTo(familiar);
  }

  /** Upstream strips the host but keeps library/ (SEALOS_COMPAT §3.2, fixtures 01/10 expected repos). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "quay.io/cilium/cilium:v1.12.0, cilium/cilium",
    "docker.io/library/nginx:1.25, library/nginx",
    "nginx, library/nginx",
    "registry.k8s.io/pause:3.9, pause",
    "docker.io/altinity/clickhouse-operator:0.18.4, altinity/clickhouse-operator",
    "localhost/foo, foo",
  })
  void repositoryWithoutRegistryMatchesTheRegistryDirLayout(String input, String repository) {
    assertThat(ImageReference.parse(input).repositoryWithoutRegistry()).isEqualTo(repository);
  }

  @Test
  void equalityIsByNormalizedForm() {
    assertThat(ImageReference.parse("nginx"))
        .isEqualTo(ImageReference.parse("docker.io/library/nginx:latest"))
        .hasSameHashCodeAs(ImageReference.parse("index.docker.io/library/nginx:latest"));
  }

  @Test
  void uppercaseRepositoryIsAClearError() {
    assertThatThrownBy(() -> ImageReference.parse("Nginx:1.0"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("\"Nginx:1.0\"")
        .hasMessageContaining("must be lowercase");
    assertThatThrownBy(() -> ImageReference.parse("quay.io/Cilium/cilium"))
        .hasMessageContaining("must be lowercase");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " nginx",
        "nginx:1.0 # comment",
        "{{ .Values.image }}",
        "nginx:",
        "nginx@",
        ":tag",
        "/nginx",
        "nginx/",
        "a//b",
        "a..b",
        "-nginx",
        "nginx:-tag",
        "docker://nginx",
        "nginx@sha256:abc",
        "nginx@md5:d41d8cd98f00b204e9800998ecf8427e",
        "nginx@sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "my_host.com/x",
        "-bad.com/x",
      })
  void rejectsInvalidReferencesNamingTheInput(String input) {
    assertThatThrownBy(() -> ImageReference.parse(input))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("\"" + input + "\"");
    assertThat(ImageReference.tryParse(input)).isEmpty();
  }

  @Test
  void enforcesLengthLimits() {
    String longTag = "t".repeat(129);
    assertThatThrownBy(() -> ImageReference.parse("nginx:" + longTag))
        .isInstanceOf(InvalidReferenceException.class);
    assertThat(ImageReference.parse("nginx:" + "t".repeat(128)).tag()).contains("t".repeat(128));
    String longName = "a".repeat(256 - "docker.io/library/".length());
    assertThatThrownBy(() -> ImageReference.parse(longName))
        .hasMessageContaining("255 characters");
    assertThat(ImageReference.parse(longName.substring(1))).isNotNull();
  }

  @Property
  void normalizedFormIsAFixedPoint(@ForAll("references") String text) {
    ImageReference ref = ImageReference.parse(text);
    assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref).hasToString(ref.toString());
    assertThat(ImageReference.parse(ref.familiar())).isEqualTo(ref);
  }

  @Provide
  Arbitrary<String> references() {
    Arbitrary<String> component =
        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> registry =
        Arbitraries.of("", "docker.io/", "index.docker.io/", "quay.io/", "localhost/", "localhost:5000/", "r.example.com:443/");
    Arbitrary<String> path = component.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
    Arbitrary<String> tag = Arbitraries.of("", ":1", ":v1.2.3", ":latest", ":A_b-c.d");
    Arbitrary<String> digest = Arbitraries.of("", "@" + SHA);
    return Combinators.combine(registry, path, tag, digest).as((r, p, t, d) -> r + p + t + d);
  }
}
