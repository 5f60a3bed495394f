package io.kubefile.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageReference;
import io.kubefile.image.RawManifest;
import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirrors first, then the origin; a place that fails is skipped for the next, by digest and verified. */
class MirroredSourceTest {
  @TempDir Path tmp;
  CopyTestRegistry registry;
  ImageReference image;

  @BeforeEach
  void pushAnImage() throws Exception {
    registry = new CopyTestRegistry(tmp.resolve("registry"));
    image = registry.push(ImageStore.open(tmp.resolve("scratch")), "mirrored", "mirrored");
  }

  @AfterEach
  void stop() throws Exception {
    registry.close();
  }

  private RegistrySource at(String host) {
    return new RegistrySource(registry.client, ImageReference.parse(host + "/mirrored:v1"));
  }

  @Test
  void aDeadMirrorIsSkippedForTheOrigin() throws Exception {
    String dead = "127.0.0.1:" + RegistryServer.freePort();
    MirroredSource source = new MirroredSource(List.of(at(dead), at(registry.registry.host())));

    RawManifest root = source.root();

    assertThat(root.digest()).isEqualTo(new RegistrySource(registry.client, image).root().digest());
    assertThat(source.describe()).isEqualTo(registry.registry.host() + "/mirrored:v1");
  }

  @Test
  void aBlobTheChosenMirrorLacksComesFromTheNextPlace() throws Exception {
    MirroredSource source = new MirroredSource(List.of(at(registry.proxy.host()), at(registry.registry.host())));
    Descriptor layer = source.root().asManifest().layers().get(0);
    registry.proxy.answer("GET", "/blobs/" + layer.digest(), 1, 404, Map.of());

    Path target = tmp.resolve("layer");
    source.fetchBlob(layer, target);

    assertThat(Files.size(target)).isEqualTo(layer.size());
    assertThat(source.describe()).as("the mirror that served the root stays preferred")
        .isEqualTo(registry.proxy.host() + "/mirrored:v1");
  }

  @Test
  void whenEveryPlaceFailsTheOriginsErrorIsReportedWithTheMirrors() throws Exception {
    String deadMirror = "127.0.0.1:" + RegistryServer.freePort();
    RegistrySource originWithoutTheImage =
        new RegistrySource(registry.client, ImageReference.parse(registry.registry.host() + "/absent:v1"));
    MirroredSource source = new MirroredSource(List.of(at(deadMirror), originWithoutTheImage));

    assertThatThrownBy(source::root)
        .hasMessageContaining("absent")
        .hasMessageContaining("(mirrors failed too: ")
        .hasMessageContaining(deadMirror);
  }
}
