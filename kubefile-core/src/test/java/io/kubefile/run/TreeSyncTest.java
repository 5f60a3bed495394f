package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.ssh.Host;
import io.kubefile.ssh.HostGroup;
import io.kubefile.ssh.SshOptions;
import io.kubefile.ssh.TestHost;
import io.kubefile.ssh.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sending a tree to a real host (a network namespace running sshd) over several SFTP channels at once. */
class TreeSyncTest {
  @TempDir Path local;

  private static Path tree(Path root, int files) throws Exception {
    for (int i = 0; i < files; i++) {
      Path file = root.resolve("d" + (i % 7) + "/f" + i);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "content " + i + "\n");
    }
    Files.createSymbolicLink(root.resolve("link"), Path.of("d0/f0"));
    return root;
  }

  private HostGroup connect(TestHosts hosts) {
    SshOptions options = SshOptions.defaults(local).withKnownHosts(local.resolve("known_hosts"))
        .withConnectTimeout(TestHosts.CONNECT_TIMEOUT);
    return HostGroup.connect(List.of(hosts.host(0).address()), a -> hosts.rootKey(), options);
  }

  private void assertSent(TestHost host, int files, TreeSync.Report report) throws Exception {
    assertThat(report.filesSent()).isEqualTo(files + 1);
    for (int i = 0; i < files; i++) {
      assertThat(host.path("/var/lib/sealos/t/d" + (i % 7) + "/f" + i)).hasContent("content " + i);
    }
    assertThat(Files.readSymbolicLink(host.path("/var/lib/sealos/t/link"))).isEqualTo(Path.of("d0/f0"));
    assertThat(host.exec("find /var/lib/sealos/t -name '*.tmp' | wc -l")).isEqualTo("0\n");
  }

  @Test
  void manyFilesGoOverSeveralChannelsAndASecondSyncSendsNothing() throws Exception {
    int files = 200;
    FileManifest manifest = FileManifest.scan(tree(local.resolve("tree"), files));
    try (TestHosts hosts = TestHosts.start(1); HostGroup group = connect(hosts)) {
      Host host = group.host(hosts.host(0).address());
      assertSent(hosts.host(0), files, TreeSync.sync(host, manifest, "/var/lib/sealos/t", "/var/lib/sealos/t.files"));
      assertThat(TreeSync.sync(host, manifest, "/var/lib/sealos/t", "/var/lib/sealos/t.files").filesSent()).isZero();
    }
  }

  @Test
  void aHostThatAllowsOneChannelPerConnectionStillGetsEveryFile() throws Exception {
    int files = 40;
    FileManifest manifest = FileManifest.scan(tree(local.resolve("tree"), files));
    try (TestHosts hosts = TestHosts.start(1)) {
      hosts.host(0).restartWithSshdLine("MaxSessions 1");
      try (HostGroup group = connect(hosts)) {
        assertSent(hosts.host(0), files,
            TreeSync.sync(group.host(hosts.host(0).address()), manifest, "/var/lib/sealos/t", "/var/lib/sealos/t.files"));
      }
    }
  }
}
