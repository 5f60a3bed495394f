package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage FROM a stored image sees the base image's files: users, groups and directories. */
class BaseImageStageTest {
  @TempDir Path tmp;

  @Test
  void chownNamesComeFromTheBaseImageAndLayersStackOnIt() throws Exception {
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    Path base = Files.createDirectories(tmp.resolve("base"));
    Files.writeString(base.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1001:1002::/home/app:/bin/sh\n");
    Files.writeString(base.resolve("group"), "root:x:0:\napp:x:1002:\nops:x:2000:\n");
    TestContexts.withKubefile(base, "FROM scratch\nCOPY passwd /etc/passwd\nCOPY group /etc/group\n"
        + "LABEL tier=base\nENV BASE=1\n");
    KubefileBuilder.forContext(base).store(store).tag("test/base:v1").build();

    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("f"), "data");
    TestContexts.withKubefile(app, "FROM test/base:v1\nCOPY --chown=app f /srv/f\n"
        + "COPY --chown=app:ops f /srv/g\nWORKDIR /etc\nENV APP=1\n");
    BuildResult result = KubefileBuilder.forContext(app).store(store).tag("test/app:v1").build();

    OciLayoutImage image = OciLayoutImage.open(store.root(), "docker.io/test/app:v1");
    Map<String, String> owners = image.owners();
    assertThat(owners).containsEntry("srv/f", "1001:1002").containsEntry("srv/g", "1001:2000")
        .containsEntry("etc/passwd", "0:0");
    assertThat(image.layerDigests()).as("the base's two layers come first").hasSize(4);
    assertThat(result.config().config().labels()).containsEntry("tier", "base");
    assertThat(result.config().config().env()).contains("BASE=1", "APP=1");
    assertThat(result.config().config().workingDir()).isEqualTo("/etc");
  }
}
