package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.ssh.ClassFixture;
import io.kubefile.ssh.TestHost;
import io.kubefile.ssh.TestHosts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five hosts, logged into as a non-root user with a password (everything through sudo), and a run
 * that fails half-way and is resumed.
 */
class RunAtScaleTest {
  @TempDir static Path work;
  @RegisterExtension static final ClassFixture<RunFixture> fixture = ClassFixture.of(() -> RunFixture.start(5, work));
  final TestHosts hosts = fixture.get().hosts;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private RunPipeline pipeline() {
    return fixture.get().pipeline(work, console);
  }

  @Test
  void fiveHostsThroughSudoAndAFailedRunResumes() throws Exception {
    List<String> nodes = hosts.hosts().subList(1, 5).stream().map(h -> h.ip() + ":22").toList();
    RunRequest first = new RunRequest("big", List.of(ClusterImages.ROOTFS, ClusterImages.PATCH, ClusterImages.APP),
        List.of(hosts.host(0).ip() + ":22"), nodes, new Clusterfile.SshSpec(TestHosts.USER, TestHosts.USER_PASSWORD, null, null, null),
        Map.of(), List.of("echo failing; exit 3"), false, null);
    assertThatThrownBy(() -> pipeline().run(first))
        .hasMessage("CMD of " + ClusterImages.APP + " failed on " + hosts.host(0).ip() + ":22 with exit status 3");

    for (TestHost host : hosts.hosts()) {
      assertThat(host.exec("stat -c '%U %a' /var/lib/sealos/data/big/rootfs/etc/version.txt; cat /var/lib/sealos/data/big/rootfs/etc/version.txt"))
          .isEqualTo("root 644\npatched\n");
      assertThat(Files.readString(host.path("/tmp/rootfs-cmd.txt"))).startsWith("hello v1.25.0");
    }
    Clusterfile failed = new ClusterfileStore(work.resolve("sealos")).load("big").orElseThrow();
    assertThat(failed.phase()).isEqualTo("ClusterFailed");
    assertThat(failed.mounts()).extracting(Clusterfile.Mount::imageName).containsExactly(ClusterImages.ROOTFS, ClusterImages.PATCH);

    console.reset();
    pipeline().run(new RunRequest("big", List.of(ClusterImages.ROOTFS, ClusterImages.PATCH, ClusterImages.APP), List.of(), List.of(),
        null, Map.of(), List.of(), false, null));
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("cluster big: the previous run did not finish (phase ClusterFailed, last error: CMD of " + ClusterImages.APP)
        .contains("installed so far: " + ClusterImages.ROOTFS + ", " + ClusterImages.PATCH + "; resuming")
        .contains("cluster big: installed " + ClusterImages.APP);
    assertThat(Files.readString(hosts.host(0).path("/tmp/app-cmd.txt"))).startsWith("demo default\n");
    assertThat(new ClusterfileStore(work.resolve("sealos")).load("big").orElseThrow().phase()).isEqualTo("ClusterSuccess");
  }
}
