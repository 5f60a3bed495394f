package io.kubefile.copy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.distribution.ProgressListener;
import io.kubefile.distribution.RegistryException;
import io.kubefile.image.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one place where a front end's registry settings become clients and registries.conf-aware sources. */
class RegistryAccessTest {
  @TempDir Path tmp;

  @Test
  void sourcesReadTheConfiguredRegistriesConf() throws Exception {
    Path conf = Files.writeString(tmp.resolve("registries.conf"),
        "[[registry]]\nlocation = \"blocked.example\"\nblocked = true\n");
    RegistrySources sources = RegistryAccess.builder().registriesConf(conf).build().sources(ProgressListener.NONE);

    assertThatThrownBy(() -> sources.open(ImageReference.parse("blocked.example/app:1")))
        .isInstanceOf(RegistryException.class)
        .hasMessage("pulling blocked.example/app:1 is blocked by the registries configuration (prefix \"blocked.example\")");
  }
}
