package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.ssh.TestHost;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.ssh.TestHosts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code scp} (R33) on a namespace host of a saved cluster, as root and as a sudo user. */
class ClusterCommandsTest {
  @RegisterExtension static final ClassFixture<TestHosts> hosts = ClassFixture.of(() -> TestHosts.start(1));
  @TempDir Path runtime;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private ClusterCommands commands(String ssh) {
    TestHost host = hosts.get().host(0);
    RunFixture.clusterfiles(runtime).save(Clusterfile.parse("""
        kind: Cluster
        metadata: {name: c}
        spec:
          ssh: %s
          hosts:
          - {ips: [%s], roles: [master]}
        """.formatted(ssh, host.ip()), "Clusterfile"));
    return new ClusterCommands(RunFixture.clusterfiles(runtime), RunFixture.ssh(runtime), runtime,
        new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  @Test
  void aFileCopiedToADirectoryGoesIntoItUnderItsOwnName() throws Exception {
    Path file = Files.writeString(runtime.resolve("notes.txt"), "notes\n");
    TestHost host = hosts.get().host(0);
    // Under the host's own /tmp (its mount namespace binds it), not the machine's /srv.
    host.exec("rm -rf /tmp/scp-dest && mkdir -p /tmp/scp-dest/as-root /tmp/scp-dest/as-user");
    commands("{user: root, pk: " + hosts.get().clientKey() + "}").scp("c", List.of(), List.of(), file, "/tmp/scp-dest/as-root");
    commands("{user: " + TestHosts.USER + ", passwd: " + TestHosts.USER_PASSWORD + "}").scp("c", List.of(), List.of(), file, "/tmp/scp-dest/as-user");
    commands("{user: root, pk: " + hosts.get().clientKey() + "}").scp("c", List.of(), List.of(), file, "/tmp/scp-dest/new-dir/");
    commands("{user: root, pk: " + hosts.get().clientKey() + "}").scp("c", List.of(), List.of(), file, "/tmp/scp-dest/renamed.txt");

    assertThat(host.exec("cat /tmp/scp-dest/as-root/notes.txt /tmp/scp-dest/as-user/notes.txt /tmp/scp-dest/new-dir/notes.txt /tmp/scp-dest/renamed.txt; ls -A /tmp/scp-dest"))
        .isEqualTo("notes\nnotes\nnotes\nnotes\nas-root\nas-user\nnew-dir\nrenamed.txt\n");
    assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("transfers files success\n".repeat(4));
  }

  /**
   * As sealos (MkdirAll), scp only creates missing directories: {@code scp ./bundle /tmp} used to
   * chmod the host's /tmp to the bundle's 0755, taking away its sticky bit and world write. A
   * directory the copy creates still gets the source's mode.
   */
  @Test
  void aDirectoryCopiedOntoExistingOnesLeavesTheirModesAndGivesNewOnesTheSources() throws Exception {
    Path bundle = Files.createDirectories(runtime.resolve("bundle"));
    Files.createDirectories(bundle.resolve("conf"));
    Files.createDirectories(bundle.resolve("spool"));
    Files.writeString(bundle.resolve("conf/app.conf"), "app\n");
    Files.writeString(bundle.resolve("spool/job"), "job\n");
    Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(bundle.resolve("conf"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(bundle.resolve("spool"), PosixFilePermissions.fromString("rwxr-xr-x"));
    TestHost host = hosts.get().host(0);
    // Two shared directories like /tmp, each with a shared subdirectory the bundle also has.
    host.exec("rm -rf /tmp/scp-shared && mkdir -p /tmp/scp-shared/as-root/spool /tmp/scp-shared/as-user/spool"
        + " && chmod 1777 /tmp/scp-shared/as-root /tmp/scp-shared/as-root/spool /tmp/scp-shared/as-user /tmp/scp-shared/as-user/spool");

    commands("{user: root, pk: " + hosts.get().clientKey() + "}").scp("c", List.of(), List.of(), bundle, "/tmp/scp-shared/as-root");
    commands("{user: " + TestHosts.USER + ", passwd: " + TestHosts.USER_PASSWORD + "}").scp("c", List.of(), List.of(), bundle, "/tmp/scp-shared/as-user");

    assertThat(host.exec("cd /tmp/scp-shared && stat -c '%a %n' as-root as-root/spool as-root/conf as-user as-user/spool as-user/conf"
        + " && cat as-root/conf/app.conf as-root/spool/job as-user/conf/app.conf as-user/spool/job"))
        .isEqualTo("1777 as-root\n1777 as-root/spool\n750 as-root/conf\n1777 as-user\n1777 as-user/spool\n750 as-user/conf\n"
            + "app\njob\napp\njob\n");
    host.exec("rm -rf /tmp/scp-shared");
  }

  @Test
  void aSourceThatIsASymbolicLinkIsFollowedAndLinksInsideADirectoryStayLinks() throws Exception {
    Path release = Files.createDirectories(runtime.resolve("releases/v2"));
    Files.writeString(release.resolve("app.conf"), "v2\n");
    Files.createSymbolicLink(release.resolve("latest.conf"), Path.of("app.conf"));
    Path current = Files.createSymbolicLink(runtime.resolve("current"), Path.of("releases/v2"));
    Path config = Files.createSymbolicLink(runtime.resolve("config"), release.resolve("app.conf"));
    TestHost host = hosts.get().host(0);
    // Under the host's own /tmp (its mount namespace binds it), not the machine's directories.
    host.exec("rm -rf /tmp/scp-links && mkdir -p /tmp/scp-links/etc");
    ClusterCommands commands = commands("{user: root, pk: " + hosts.get().clientKey() + "}");

    commands.scp("c", List.of(), List.of(), current, "/tmp/scp-links/app");
    commands.scp("c", List.of(), List.of(), config, "/tmp/scp-links/etc");

    assertThat(host.exec("cd /tmp/scp-links && cat app/app.conf; readlink app/latest.conf; test -L app || echo dir; cat etc/config"))
        .isEqualTo("v2\napp.conf\ndir\nv2\n");
    Path dangling = Files.createSymbolicLink(runtime.resolve("gone"), Path.of("nowhere"));
    assertThatThrownBy(() -> commands.scp("c", List.of(), List.of(), dangling, "/tmp/scp-links/x"))
        .hasMessage("scp: " + dangling + " is a symbolic link that does not resolve");
    host.exec("rm -rf /tmp/scp-links");
  }

  @Test
  void aMissingSourceOrClusterIsNamed() {
    ClusterCommands commands = commands("{user: root, pk: " + hosts.get().clientKey() + "}");
    assertThatThrownBy(() -> commands.scp("c", List.of(), List.of(), runtime.resolve("nope"), "/tmp/x"))
        .hasMessage("scp: " + runtime.resolve("nope") + " does not exist");
    assertThatThrownBy(() -> commands.scp("other", List.of(), List.of(), runtime.resolve("nope"), "/tmp/x"))
        .hasMessage("cluster other does not exist (no Clusterfile at " + runtime.resolve("sealos/other/Clusterfile") + ")");
  }
}
