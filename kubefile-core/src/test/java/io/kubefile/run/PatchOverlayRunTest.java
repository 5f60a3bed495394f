package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.builder.KubefileBuilder;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.ssh.TestHost;
import io.kubefile.ssh.TestHosts;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A patch that puts a symlink or a file where the rootfs has a directory: on the hosts the path
 * is what the patch has, as in sealos's merged mount of the images, and nothing of the rootfs is
 * written through the symlink out of the rootfs. host0 is master0 (and the registry host), host1
 * a node; {@code /tmp/outside} is a directory of each host's own {@code /tmp}.
 */
class PatchOverlayRunTest {
  static final String ETC_LINK = "test.local/etc-link-patch:v1";
  static final String BIN_LINK = "test.local/bin-link-patch:v1";
  static final String BIN_FILE = "test.local/bin-file-patch:v1";
  @TempDir static Path work;
  @RegisterExtension static final ClassFixture<RunFixture> fixture = ClassFixture.of(() -> RunFixture.start(2, work));
  @TempDir Path runtime;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @BeforeAll
  static void setUp() throws Exception {
    Path etcLink = ClusterImages.context(work.resolve("etc-link"), Map.of(
        "Kubefile", "FROM scratch\nLABEL sealos.io.type=patch\nCOPY overlay .\n"));
    Files.createDirectories(etcLink.resolve("overlay"));
    Files.createSymbolicLink(etcLink.resolve("overlay/etc"), Path.of("/tmp/outside"));
    KubefileBuilder.forContext(etcLink).store(fixture.get().store).tag(ETC_LINK).build();
    Path binLink = ClusterImages.context(work.resolve("bin-link"), Map.of(
        "Kubefile", "FROM scratch\nLABEL sealos.io.type=patch\nCOPY overlay .\n"));
    Files.createDirectories(binLink.resolve("overlay"));
    Files.createSymbolicLink(binLink.resolve("overlay/bin"), Path.of("/tmp/outside"));
    KubefileBuilder.forContext(binLink).store(fixture.get().store).tag(BIN_LINK).build();
    Path binFile = ClusterImages.context(work.resolve("bin-file"), Map.of(
        "Kubefile", "FROM scratch\nLABEL sealos.io.type=patch\nCOPY overlay .\n",
        "overlay/bin", "a file now\n"));
    KubefileBuilder.forContext(binFile).store(fixture.get().store).tag(BIN_FILE).build();
  }

  @BeforeEach
  void emptyOutside() throws Exception {
    for (TestHost host : fixture.get().hosts.hosts()) {
      host.exec("rm -rf /tmp/outside && mkdir /tmp/outside");
    }
  }

  private static Clusterfile.SshSpec root() {
    return new Clusterfile.SshSpec("root", null, fixture.get().hosts.clientKey().toString(), null, null);
  }

  private static RunRequest create(String cluster, List<String> images, Clusterfile.SshSpec ssh) {
    return new RunRequest(cluster, images, List.of(fixture.get().hosts.host(0).ip() + ":22"),
        List.of(fixture.get().hosts.host(1).ip() + ":22"), ssh, Map.of(), List.of(), false, null);
  }

  private static RunRequest install(String cluster, List<String> images, boolean force) {
    return new RunRequest(cluster, images, List.of(), List.of(), null, Map.of(), List.of(), force, null);
  }

  /** Runs {@code steps}, then resets {@code cluster}; a failed reset does not hide a failure of the steps. */
  private void thenReset(String cluster, Steps steps) throws Exception {
    try {
      steps.run();
    } catch (Exception | AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nconsole:\n" + console, e);
    } finally {
      if (RunFixture.clusterfiles(runtime).load(cluster).isPresent()) {
        try {
          fixture.get().reset(runtime, console).reset(cluster);
        } catch (RunException e) {
          // reported only when the steps passed (a failed run may leave clean scripts nothing to clean)
          System.err.println("reset of " + cluster + ": " + e.getMessage());
        }
      }
    }
  }

  private interface Steps {
    void run() throws Exception;
  }

  private static String rootfs(String cluster) {
    return "/var/lib/sealos/data/" + cluster + "/rootfs";
  }

  @Test
  void aPatchThatTurnsADirectoryIntoASymlinkHidesTheRootfsFilesThatWereUnderIt() throws Exception {
    thenReset("link", () -> {
      fixture.get().pipeline(runtime, console).run(create("link", List.of(ClusterImages.ROOTFS, BIN_LINK), root()));
      for (TestHost host : fixture.get().hosts.hosts()) {
        assertThat(Files.readSymbolicLink(host.path(rootfs("link") + "/bin"))).as(host.ip()).isEqualTo(Path.of("/tmp/outside"));
        assertThat(host.path("/tmp/outside")).as(host.ip()).isEmptyDirectory();
        assertThat(host.path(rootfs("link") + "/etc/version.txt")).as(host.ip()).hasContent("rootfs");
      }
    });
  }

  @Test
  void aPatchThatTurnsADirectoryIntoAFileReplacesTheDirectory() throws Exception {
    thenReset("file", () -> {
      fixture.get().pipeline(runtime, console).run(create("file", List.of(ClusterImages.ROOTFS, BIN_FILE), root()));
      for (TestHost host : fixture.get().hosts.hosts()) {
        assertThat(host.path(rootfs("file") + "/bin")).as(host.ip()).isRegularFile().hasContent("a file now");
        assertThat(host.path(rootfs("file") + "/etc/version.txt")).as(host.ip()).hasContent("rootfs");
      }
    });
  }

  /**
   * The rootfs, then (forced) the rootfs with a patch whose {@code etc} is a symlink: the hosts'
   * {@code etc} directory, with {@code etc/registry.yml}, becomes the symlink; then the rootfs
   * alone again: {@code etc} is a directory again, and nothing of it went through the symlink
   * into {@code /tmp/outside}. As a sudo user, whose files are staged and moved into place.
   * (Fresh hosts cannot take this patch here: with {@code etc/registry.yml} hidden the registry's
   * data directory is the default {@code /var/lib/registry}, a mount point on the test hosts.)
   */
  @Test
  void aLaterRunTurnsTheHostsDirectoryIntoThePatchsSymlinkAndBackWithoutWritingThroughIt() throws Exception {
    thenReset("again", () -> {
      fixture.get().pipeline(runtime, console).run(create("again", List.of(ClusterImages.ROOTFS),
          new Clusterfile.SshSpec(TestHosts.USER, TestHosts.USER_PASSWORD, null, null, null)));
      fixture.get().pipeline(runtime, console).run(install("again", List.of(ClusterImages.ROOTFS, ETC_LINK), true));
      for (TestHost host : fixture.get().hosts.hosts()) {
        assertThat(Files.readSymbolicLink(host.path(rootfs("again") + "/etc"))).as(host.ip()).isEqualTo(Path.of("/tmp/outside"));
        assertThat(host.path("/tmp/outside")).as(host.ip()).isEmptyDirectory();
      }
      fixture.get().pipeline(runtime, console).run(install("again", List.of(ClusterImages.ROOTFS), true));
      for (TestHost host : fixture.get().hosts.hosts()) {
        assertThat(host.path(rootfs("again") + "/etc/registry.yml")).as(host.ip()).exists();
        assertThat(Files.isSymbolicLink(host.path(rootfs("again") + "/etc"))).as(host.ip()).isFalse();
        assertThat(host.path("/tmp/outside")).as(host.ip()).isEmptyDirectory();
      }
    });
  }
}
