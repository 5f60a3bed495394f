package io.kubefile.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.context.ContextEscapeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image discovery reads only files inside the build context: a symbolic link out of it under
 * {@code manifests/}, {@code charts/} or {@code images/} fails naming the entry (issue #12 item 1),
 * while links that stay inside are read as before.
 */
@Tag("reliability")
class ContextConfinementTest {
  @TempDir Path tmp;
  private Path outside;
  private Path context;

  @BeforeEach
  void layout() throws IOException {
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("host.yaml"), "image: host/secret:1\n");
    context = Files.createDirectories(tmp.resolve("ctx"));
  }

  private void assertRefused(String entry) throws IOException {
    assertThatThrownBy(() -> ImageDiscovery.discover(context))
        .isInstanceOf(ContextEscapeException.class)
        .hasMessage(entry + " in the build context leads outside it (to "
            + outside.toRealPath() + ") through a symbolic link");
  }

  @Test
  void aManifestsDirectoryLinkedOutsideIsRefused() throws IOException {
    Files.createSymbolicLink(context.resolve("manifests"), outside);
    assertThatThrownBy(() -> ImageDiscovery.discover(context))
        .isInstanceOf(ContextEscapeException.class)
        .hasMessageContaining("manifests in the build context leads outside it");
  }

  @Test
  void aManifestFileLinkedOutsideIsRefused() throws IOException {
    Files.createDirectories(context.resolve("manifests"));
    Files.createSymbolicLink(context.resolve("manifests/app.yaml"), outside.resolve("host.yaml"));
    assertThatThrownBy(() -> ImageDiscovery.discover(context))
        .isInstanceOf(ContextEscapeException.class)
        .hasMessage("manifests/app.yaml in the build context leads outside it (to "
            + outside.toRealPath().resolve("host.yaml") + ") through a symbolic link");
  }

  @Test
  void aChartLinkedOutsideIsRefused() throws IOException {
    Files.createDirectories(context.resolve("charts"));
    Files.createSymbolicLink(context.resolve("charts/app"), outside);
    assertRefused("charts/app");
  }

  @Test
  void aShimListLinkedOutsideIsRefused() throws IOException {
    Files.createDirectories(context.resolve("images"));
    Files.createSymbolicLink(context.resolve("images/shim"), outside);
    assertRefused("images/shim");
  }

  @Test
  void linksInsideTheContextAreReadAsBefore() throws IOException {
    Files.createDirectories(context.resolve("manifests"));
    Files.createDirectories(context.resolve("other"));
    Files.writeString(context.resolve("other/app.yaml"), "image: inside/app:1\n");
    Files.createSymbolicLink(context.resolve("manifests/app.yaml"), Path.of("../other/app.yaml"));
    Files.createSymbolicLink(context.resolve("manifests/loop"), Path.of("."));
    assertThat(ImageDiscovery.discover(context).names()).containsExactly("docker.io/inside/app:1");
  }
}
