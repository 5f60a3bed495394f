package io.kubefile.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a transfer writes is its login's alone until complete: no other local user of the host can
 * read a file in flight (the Clusterfile's copy holds the SSH password; a reader who opened the
 * file while it was readable keeps reading after the final chmod). The local source is a FIFO, so
 * the transfer holds its temporary file open, waiting for bytes, while the test looks at the host.
 */
class FilesInFlightTest {
  @RegisterExtension static final ClassFixture<TestHosts> hosts = ClassFixture.of(() -> TestHosts.start(1));
  @TempDir Path local;

  /** Was 644: MINA's SFTP open sends no mode, so the server created the file 0666 minus its umask. */
  @Test
  void asRootATemporaryFileIsCreatedForItsOwnerOnly() throws Exception {
    TestHost host = hosts.get().host(0);
    host.exec("rm -rf /tmp/in-flight && mkdir -p /tmp/in-flight");

    String seen = whileInFlight(hosts.get().rootKey(), "/tmp/in-flight/Clusterfile", "stat -c '%a %n' /tmp/in-flight/.Clusterfile.*.tmp");

    assertThat(seen).matches("600 /tmp/in-flight/\\.Clusterfile\\.[0-9a-f]{8}\\.tmp\n");
    assertThat(host.exec("stat -c %a /tmp/in-flight/Clusterfile && cat /tmp/in-flight/Clusterfile && ls -A /tmp/in-flight"))
        .isEqualTo("600\npasswd: secret\nClusterfile\n");
    host.exec("rm -rf /tmp/in-flight");
  }

  /**
   * Was 755 and 644: the staging directory in world-writable /var/tmp was made by a plain mkdir,
   * so everything staged beneath it could be read until the sudo command moved it into place.
   */
  @Test
  void asASudoUserTheStagingDirectoryAndTheFileAreTheUsersAloneFromTheStart() throws Exception {
    TestHost host = hosts.get().host(0);
    host.exec("rm -rf /var/lib/sealos/in-flight");
    SshCredentials user = new SshCredentials(TestHosts.USER, TestHosts.USER_PASSWORD, null, null);

    String seen = whileInFlight(user, "/var/lib/sealos/in-flight/Clusterfile",
        "cd /var/tmp/.kubefile-staging-* && stat -c %a . var/lib/sealos/in-flight/.Clusterfile.*.tmp");

    assertThat(seen).isEqualTo("700\n600\n");
    assertThat(host.exec("stat -c '%a %U' /var/lib/sealos/in-flight/Clusterfile && cat /var/lib/sealos/in-flight/Clusterfile"
        + " && ls -A /var/tmp | grep -c kubefile-staging; true"))
        .isEqualTo("600 root\npasswd: secret\n0\n");
    host.exec("rm -rf /var/lib/sealos/in-flight");
  }

  /**
   * Sends a FIFO's content to {@code remotePath} (mode 0600) and commits; returns what {@code check}
   * printed on the host once it succeeded, while the transfer waited for the bytes.
   */
  private String whileInFlight(SshCredentials credentials, String remotePath, String check) throws Exception {
    Path fifo = local.resolve("Clusterfile");
    TestHosts.check("mkfifo", fifo.toString());
    TestHost host = hosts.get().host(0);
    SshOptions options = SshOptions.defaults(local).withKnownHosts(local.resolve("known_hosts"))
        .withConnectTimeout(TestHosts.CONNECT_TIMEOUT);
    try (HostGroup group = HostGroup.connect(List.of(host.address()), a -> credentials, options)) {
      CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
        try (FileTransfer transfer = group.host(host.address()).transfer()) {
          transfer.file(fifo, remotePath, 0600);
          transfer.commit();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      String seen;
      // Opening the FIFO waits for the transfer to open it; the transfer's reads then wait for the write.
      try (OutputStream writer = Files.newOutputStream(fifo)) {
        seen = host.exec("for i in $(seq 100); do out=$(" + check + " 2>/dev/null) && break; sleep 0.1; done; echo \"$out\"");
        writer.write("passwd: secret\n".getBytes(StandardCharsets.UTF_8));
      }
      sent.get(30, TimeUnit.SECONDS);
      return seen;
    }
  }
}
