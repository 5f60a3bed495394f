package io.kubefile.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.ImageReference;
import io.kubefile.image.NoMatchingPlatformException;
import io.kubefile.image.Platform;
import io.kubefile.store.ImageNotKnownException;
import io.kubefile.store.ImageStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull policies decide whether the registry is asked; a requested platform is honoured or refused. */
class ImagePullerTest {
  @TempDir Path tmp;
  CopyTestRegistry registry;
  ImageReference image;
  ImageStore store;
  ImagePuller puller;

  @BeforeEach
  void start() throws Exception {
    registry = new CopyTestRegistry(tmp.resolve("registry"));
    image = registry.push(ImageStore.open(tmp.resolve("scratch")), "pulled", "pulled");
    store = ImageStore.open(tmp.resolve("store"));
    puller = new ImagePuller(store, RegistrySources.direct(registry.client));
  }

  @AfterEach
  void stop() throws Exception {
    registry.close();
  }

  private static CopyOptions host() {
    return CopyOptions.forPlatform(Platform.host());
  }

  @Test
  void neverRefusesAnImageTheStoreLacksWithoutAskingTheRegistry() {
    assertThatThrownBy(() -> puller.pull(image, PullPolicy.NEVER, host()))
        .isInstanceOf(ImageNotKnownException.class)
        .hasMessageContaining("the pull policy is \"never\"");
    assertThat(registry.proxy.exchanges()).isEmpty();
  }

  @Test
  void missingPullsOnceThenUsesTheStoredImage() throws Exception {
    assertThat(puller.pull(image, PullPolicy.MISSING, host()).pulled()).isTrue();
    registry.proxy.clearLog();

    PullResult second = puller.pull(image, PullPolicy.MISSING, host());

    assertThat(second.pulled()).isFalse();
    assertThat(registry.proxy.exchanges()).isEmpty();
  }

  @Test
  void alwaysAsksTheRegistryButDownloadsNoBlobTheStoreHas() throws Exception {
    puller.pull(image, PullPolicy.ALWAYS, host());
    registry.proxy.clearLog();

    assertThat(puller.pull(image, PullPolicy.ALWAYS, host()).pulled()).isTrue();

    assertThat(registry.proxy.exchanges()).isNotEmpty();
    assertThat(registry.proxy.blobDownloads()).isEmpty();
  }

  @Test
  void anotherPlatformThanRequestedIsRefusedAndNothingIsStored() throws Exception {
    String other = Platform.host().architecture().equals("amd64") ? "linux/arm64" : "linux/amd64";

    assertThatThrownBy(() -> puller.pull(image, PullPolicy.ALWAYS, CopyOptions.exactly(Platform.parse(other))))
        .isInstanceOf(NoMatchingPlatformException.class)
        .hasMessage(image + " is an image for platform " + Platform.host() + ", not the requested " + other);
    assertThat(store.list()).isEmpty();
  }
}
