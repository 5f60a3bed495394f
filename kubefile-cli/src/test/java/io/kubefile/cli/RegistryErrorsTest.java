package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.distribution.RegistryServer;
import io.kubefile.ssh.ClassFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What registry commands say when a registry refuses or cannot be reached: one line naming the host or repository and why. */
class RegistryErrorsTest {
  @TempDir static Path registryDir;
  @RegisterExtension static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.startWithBasicAuth(registryDir, "alice", "s3cret"));

  @TempDir Path root;
  @TempDir Path work;

  @Test
  void aPushWithoutCredentialsSaysPushAccessDenied() throws Exception {
    String name = registry.get().host() + "/team/app:v1";
    CliRun.storeImage(root, name, "push-denied");
    Path noCredentials = Files.writeString(work.resolve("auth.json"), "{\"auths\":{}}");

    CliRun.Result push = CliRun.run(root, "push", "-q", "--authfile", noCredentials.toString(), name);

    assertThat(push.exitCode()).isEqualTo(1);
    assertThat(push.err()).isEqualTo("Error: push access denied for " + registry.get().host()
        + "/team/app: authentication required" + System.lineSeparator());
  }

  @Test
  void anUnreachableRegistryFailsAtOnceInOneLineWithoutJavaNames() throws Exception {
    int closedPort = RegistryServer.freePort();
    String host = "127.0.0.1:" + closedPort;

    CliRun.Result pull = CliRun.run(root, "pull", "-q", host + "/team/app:v1");

    assertThat(pull.exitCode()).isEqualTo(1);
    assertThat(pull.err()).isEqualTo("Error: cannot reach " + host + " (GET http://" + host + "/v2/): connection refused"
        + System.lineSeparator());
  }
}
