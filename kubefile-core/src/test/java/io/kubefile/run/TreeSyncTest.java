package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.ssh.Host;
import io.kubefile.ssh.HostAddress;
import io.kubefile.ssh.HostGroup;
import io.kubefile.ssh.SshCredentials;
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
    return connect(hosts, hosts.rootKey());
  }

  private HostGroup connect(TestHosts hosts, SshCredentials login) {
    SshOptions options = SshOptions.defaults(local).withKnownHosts(local.resolve("known_hosts"))
        .withConnectTimeout(TestHosts.CONNECT_TIMEOUT);
    return HostGroup.connect(List.of(hosts.host(0).address()), a -> login, options);
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

  /**
   * What the host has from an earlier run is replaced the way the new tree says, never written
   * through: its directory {@code etc} becomes the new tree's symlink, and that symlink (which
   * leads out of the tree, to {@code /tmp/outside}) becomes a directory again, as root and as a
   * sudo user (whose files are staged, then moved), and a directory becomes a file.
   */
  @Test
  void aDirectoryOnTheHostBecomesTheTreesSymlinkOrFileAndASymlinkBecomesADirectoryWithoutWritingThroughIt()
      throws Exception {
    Path directories = local.resolve("directories");
    Files.createDirectories(directories.resolve("etc/conf.d"));
    Files.writeString(directories.resolve("etc/registry.yml"), "registry\n");
    Files.writeString(directories.resolve("etc/conf.d/a.conf"), "a\n");
    Path linked = local.resolve("linked");
    Files.createDirectories(linked);
    Files.createSymbolicLink(linked.resolve("etc"), Path.of("/tmp/outside"));
    Path file = local.resolve("file");
    Files.createDirectories(file);
    Files.writeString(file.resolve("etc"), "a file now\n");
    try (TestHosts hosts = TestHosts.start(1)) {
      TestHost testHost = hosts.host(0);
      Path outside = testHost.path("/tmp/outside");
      Files.createDirectories(outside);
      SshCredentials user = new SshCredentials(TestHosts.USER, TestHosts.USER_PASSWORD, null, null);
      for (SshCredentials login : List.of(hosts.rootKey(), user)) {
        String root = "/var/lib/sealos/" + login.user();
        String state = root + ".files";
        try (HostGroup group = connect(hosts, login)) {
          Host host = group.host(testHost.address());
          TreeSync.sync(host, FileManifest.scan(directories), root, state);
          assertThat(testHost.path(root + "/etc/conf.d/a.conf")).hasContent("a");

          TreeSync.sync(host, FileManifest.scan(linked), root, state);
          assertThat(Files.readSymbolicLink(testHost.path(root + "/etc"))).as(login.user()).isEqualTo(Path.of("/tmp/outside"));
          assertThat(outside).as(login.user()).isEmptyDirectory();

          TreeSync.sync(host, FileManifest.scan(directories), root, state);
          assertThat(testHost.path(root + "/etc")).as(login.user()).isDirectory();
          assertThat(testHost.path(root + "/etc/registry.yml")).as(login.user()).hasContent("registry");
          assertThat(testHost.path(root + "/etc/conf.d/a.conf")).as(login.user()).hasContent("a");
          assertThat(outside).as(login.user()).isEmptyDirectory();

          TreeSync.sync(host, FileManifest.scan(file), root, state);
          assertThat(testHost.path(root + "/etc")).as(login.user()).isRegularFile().hasContent("a file now");
          // Nothing is sent again: what was removed is no longer recorded as present.
          assertThat(TreeSync.sync(host, FileManifest.scan(file), root, state).filesSent()).isZero();
          assertThat(testHost.exec("find " + root + " -name '*.tmp' | wc -l")).isEqualTo("0\n");
        }
      }
    }
  }

  /** A tree that is not a tree (an entry beneath its own symlink) is refused before the host is touched. */
  @Test
  void aTreeWithAnEntryBeneathItsOwnSymlinkIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path file = Files.writeString(local.resolve("registry.yml"), "registry\n");
    FileManifest manifest = new FileManifest(java.util.Map.of(
        "etc", new FileManifest.Entry('l', 0777, 0, "/tmp/outside", null),
        "etc/registry.yml", new FileManifest.Entry('f', 0644, 9, FileManifest.sha256(file), file)));
    HostAddress self = new HostAddress("127.0.0.1", 1);
    SshOptions options = SshOptions.defaults(local).withKnownHosts(local.resolve("known_hosts"));
    Path root = local.resolve("root");
    try (HostGroup group = HostGroup.connect(List.of(self), a -> new SshCredentials("root", null, null, null), options)) {
      assertThatThrownBy(() -> TreeSync.sync(group.host(self), manifest, root.toString(), local.resolve("root.files").toString()))
          .isInstanceOf(RunException.class)
          .hasMessage("copying files to " + root + " on " + self + " failed: etc is a symlink, yet etc/registry.yml is to go"
              + " beneath it");
    }
    assertThat(root).doesNotExist();
  }
}
