package io.kubefile.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules of the individual sources beyond what the shared fixtures show. */
class SourceRulesTest {

  @Test
  void theLineRuleTakesTextAfterTheFirstImageColonOnNonCommentLines() {
    assertThat(ImageLineRule.candidate("    image: \"nginx:1\"  ")).contains("nginx:1");
    assertThat(ImageLineRule.candidate("- image: 'a'")).contains("a");
    assertThat(ImageLineRule.candidate("sidecar-image: cilium/istio_proxy")).contains("cilium/istio_proxy");
    assertThat(ImageLineRule.candidate("  # image: nginx")).isEmpty();
    assertThat(ImageLineRule.candidate("\"image\": \"nginx\"")).isEmpty();
    assertThat(ImageLineRule.candidate("imagePullPolicy: Always")).isEmpty();
    assertThat(ImageLineRule.candidate("image:")).contains("");
  }

  /** Issue #12 item 7: the YAML composer recursed until the stack overflowed. */
  @Test
  void aChartYamlNestedThousandsDeepIsRefusedCleanly(@TempDir Path context) throws IOException {
    write(context.resolve("charts/deep/Chart.yaml"),
        "name: deep\nversion: 1.0.0\nx: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n");
    assertThatThrownBy(() -> ImageDiscovery.discover(context))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageEndingWith("Chart.yaml is nested more than 1000 levels deep");
  }

  @Test
  void manifestsAreYamlYmlAndTmplFilesInAnyCase(@TempDir Path context) throws IOException {
    write(context.resolve("manifests/a.YAML"), "image: a:1\n");
    write(context.resolve("manifests/deep/b.Yml"), "image: b:1\r\n");
    write(context.resolve("manifests/c.yaml.TMPL"), "image: c:1\n");
    write(context.resolve("manifests/d.json"), "image: d:1\n");
    write(context.resolve("manifests/e.txt"), "image: e:1\n");

    assertThat(ImageDiscovery.discover(context).names())
        .containsExactly("docker.io/library/a:1", "docker.io/library/b:1", "docker.io/library/c:1");
  }

  @Test
  void shimEntriesMayUseLocalStoreAndArchiveTransports(@TempDir Path context) throws IOException {
    write(context.resolve("images/shim/list"), """
        docker-daemon:busybox:1.36
        containers-storage:localhost/app:dev
        docker-archive:images/app.tar:example/app:1.0
        oci-archive:./images/other.tar
        """);

    DiscoveryResult result = ImageDiscovery.discover(context);

    assertThat(result.names()).containsExactly(
        "containers-storage:localhost/app:dev",
        "docker-archive:images/app.tar@docker.io/example/app:1.0",
        "docker-daemon:docker.io/library/busybox:1.36",
        "oci-archive:images/other.tar");
  }

  @Test
  void anUnknownTransportInAShimListIsAnError(@TempDir Path context) throws IOException {
    write(context.resolve("images/shim/sub/list.txt"), "\n# images\ndocker://nginx:1\n");

    assertThatThrownBy(() -> ImageDiscovery.discover(context))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageStartingWith("images/shim/sub/list.txt:3: invalid image reference \"docker://nginx:1\"");
  }

  @Test
  void sealIgnoreAlsoAcceptsTheFullNormalizedName(@TempDir Path context) throws IOException {
    write(context.resolve("manifests/a.yaml"), "image: nginx\nimage: redis:7\nimage: quay.io/x/y:1@sha256:" + "a".repeat(64) + "\n");
    // Upstream spellings ("docker.io/library/redis:7", "quay.io/x/y:1") and our full name both work.
    write(context.resolve(".sealignore"), "docker.io/library/nginx:latest\ndocker.io/library/redis:7\nquay.io/x/y:1\n");

    assertThat(ImageDiscovery.discover(context).names()).isEmpty();
  }

  @Test
  void tarListArchivesAreNeverIgnoredAndBadLinesFail(@TempDir Path context) throws IOException {
    write(context.resolve("images/skopeo/tar.txt"), "docker-archive:/abs/x.tar@a/b\n");
    write(context.resolve(".sealignore"), "docker-archive:images/skopeo/abs/x.tar@docker.io/a/b:latest\n");
    assertThat(ImageDiscovery.discover(context).names())
        .containsExactly("docker-archive:images/skopeo/abs/x.tar@docker.io/a/b");

    write(context.resolve("images/skopeo/tar.txt"), "docker-archive:x.tar@a/b\n# comment\n");
    assertThatThrownBy(() -> ImageDiscovery.discover(context))
        .hasMessage("images/skopeo/tar.txt:2: invalid archive entry \"# comment\": expected docker-archive:PATH@NAME or oci-archive:PATH@NAME");
    write(context.resolve("images/skopeo/tar.txt"), "docker://nginx@library/nginx\n");
    assertThatThrownBy(() -> ImageDiscovery.discover(context))
        .hasMessageContaining("must start with docker-archive: or oci-archive:");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
