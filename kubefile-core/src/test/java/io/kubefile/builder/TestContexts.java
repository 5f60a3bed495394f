package io.kubefile.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small build contexts written for a test. */
final class TestContexts {
  private TestContexts() {}

  /** A context with a Kubefile of the given text and a couple of files. */
  static Path withKubefile(Path dir, String kubefile) throws IOException {
    Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(dir.resolve("manifests/app.yaml"), "kind: ConfigMap\n");
    Files.writeString(dir.resolve("init.sh"), "#!/bin/sh\necho hi\n");
    Files.writeString(dir.resolve("Kubefile"), kubefile);
    return dir;
  }

  static Path simple(Path dir) throws IOException {
    return withKubefile(dir, """
        FROM scratch
        LABEL sealos.io.type=application
        COPY manifests ./manifests
        COPY init.sh .
        CMD ["sh init.sh"]
        """);
  }
}
