package io.kubefile.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of a sudo user, staged then moved into place: a staged file or symlink replaces the
 * target path itself, whatever is there, and never lands inside a directory it points to.
 */
class StagedFileTransferTest {
  @RegisterExtension static final ClassFixture<TestHosts> hosts = ClassFixture.of(() -> TestHosts.start(1));
  @TempDir Path local;

  private HostGroup connectAsUser() {
    SshOptions options = SshOptions.defaults(local).withKnownHosts(local.resolve("known_hosts"))
        .withConnectTimeout(TestHosts.CONNECT_TIMEOUT);
    SshCredentials user = new SshCredentials(TestHosts.USER, TestHosts.USER_PASSWORD, null, null);
    return HostGroup.connect(List.of(hosts.get().host(0).address()), a -> user, options);
  }

  @Test
  void aStagedFileOrSymlinkReplacesASymlinkToADirectoryInsteadOfGoingThroughIt() throws Exception {
    TestHost host = hosts.get().host(0);
    host.exec("mkdir -p /tmp/outside-file /tmp/outside-link /var/lib/sealos/staged"
        + " && ln -sfn /tmp/outside-file /var/lib/sealos/staged/file && ln -sfn /tmp/outside-link /var/lib/sealos/staged/link");
    try (HostGroup group = connectAsUser(); FileTransfer transfer = group.host(host.address()).transfer()) {
      transfer.file("content\n".getBytes(), "/var/lib/sealos/staged/file", 0644);
      transfer.symlink("target", "/var/lib/sealos/staged/link");
      transfer.commit();
    }
    assertThat(host.path("/var/lib/sealos/staged/file")).isRegularFile().hasContent("content");
    assertThat(Files.readSymbolicLink(host.path("/var/lib/sealos/staged/link"))).isEqualTo(Path.of("target"));
    assertThat(host.path("/tmp/outside-file")).isEmptyDirectory();
    assertThat(host.path("/tmp/outside-link")).isEmptyDirectory();
  }

  /** As for root, whose SFTP rename refuses it too: removing a directory is the caller's decision (TreeSync's). */
  @Test
  void aStagedFileDoesNotGoIntoADirectoryAtItsPath() throws Exception {
    TestHost host = hosts.get().host(0);
    host.exec("mkdir -p /var/lib/sealos/staged/dir/inside");
    try (HostGroup group = connectAsUser(); FileTransfer transfer = group.host(host.address()).transfer()) {
      transfer.file("content\n".getBytes(), "/var/lib/sealos/staged/dir", 0644);
      assertThatThrownBy(transfer::commit)
          .isInstanceOf(IOException.class)
          .hasMessage("moving staged files into place on " + host.address() + " failed: mv: cannot overwrite directory"
              + " '/var/lib/sealos/staged/dir' with non-directory");
    }
    assertThat(host.exec("ls -A /var/lib/sealos/staged/dir")).isEqualTo("inside\n");
    assertThat(host.exec("ls -A /var/tmp | grep -c kubefile-staging; true")).isEqualTo("0\n");
  }

  @Test
  void aDirectoryThatCannotBeMadeFailsTheCommit() throws Exception {
    // Under set -e a command failing before "&&" does not stop the script: the directory's mkdir
    // failed, its chmod was skipped, and the commit reported success.
    TestHost host = hosts.get().host(0);
    host.exec("mkdir -p /var/lib/sealos/staged && touch /var/lib/sealos/staged/plain");
    try (HostGroup group = connectAsUser(); FileTransfer transfer = group.host(host.address()).transfer()) {
      transfer.directory("/var/lib/sealos/staged/plain/dir", 0755);
      assertThatThrownBy(transfer::commit)
          .isInstanceOf(IOException.class)
          .hasMessage("moving staged files into place on " + host.address() + " failed: mkdir: cannot create directory"
              + " '/var/lib/sealos/staged/plain': Not a directory");
    }
  }
}
