package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.run.ClusterImages;
import io.kubefile.run.Clusterfile;
import io.kubefile.run.ClusterfileStore;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.ssh.TestHosts;
import io.kubefile.store.ImageStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two kubefile processes on one cluster, as two users in two terminals: while a {@code run} is in
 * its commands, a second {@code run} and a {@code reset} of the same cluster fail at once with one
 * line naming the cluster and its lock, and the first run finishes as if it had been alone. (The
 * second run used to take the first one's {@code ClusterInProcess} for a crash and "resume" it,
 * running its commands a second time.)
 */
class ClusterInUseTest {
  @RegisterExtension static final ClassFixture<TestHosts> hosts = ClassFixture.of(() -> TestHosts.start(1));
  @TempDir static Path work;

  @BeforeAll
  static void setUp() throws Exception {
    ClusterImages.build(ImageStore.open(work.resolve("store")), work.resolve("contexts"));
  }

  private static List<String> args(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("-c", "busy", "--known-hosts", work.resolve("known_hosts").toString(),
        "--connect-timeout", Long.toString(TestHosts.CONNECT_TIMEOUT.toSeconds())));
    return args;
  }

  private static Map<String, String> env() {
    return Map.of("SEALOS_RUNTIME_ROOT", work.resolve("sealos").toString());
  }

  private static CliRun.Result kubefile(String... command) throws Exception {
    return CliProcess.run(work.resolve("store"), env(), args(command).toArray(String[]::new));
  }

  private static String[] run(String... extra) {
    List<String> run = new ArrayList<>(List.of("run", "--masters", hosts.get().host(0).ip(), "--pk", hosts.get().clientKey().toString()));
    run.addAll(List.of(extra));
    run.addAll(List.of(ClusterImages.ROOTFS, ClusterImages.APP));
    return run.toArray(String[]::new);
  }

  @Test
  void aSecondRunOrAResetWhileARunIsInItsCommandsFailsAtOnceAndTheFirstRunFinishes() throws Exception {
    Path started = hosts.get().host(0).path("/tmp/busy-started");
    Path runs = hosts.get().host(0).path("/tmp/busy-runs");
    Path release = hosts.get().host(0).path("/tmp/busy-release");
    for (Path file : List.of(started, runs, release)) {
      Files.deleteIfExists(file);
    }
    // The first run's application command waits (up to 5 minutes) until the test lets it finish.
    Process first = CliProcess.start(work.resolve("store"), env(), false, args(run("--cmd",
        "echo run >> /tmp/busy-runs; touch /tmp/busy-started; for i in $(seq 3000); do [ -e /tmp/busy-release ] && break; sleep 0.1; done"))
        .toArray(String[]::new));
    try {
      for (int i = 0; i < 1200 && !Files.exists(started) && first.isAlive(); i++) {
        Thread.sleep(100);
      }
      assertThat(started).as("the first run reached its application command").exists();

      String inUse = "Error: cluster busy is in use by another kubefile command (lock held on "
          + work.resolve("sealos/busy").toRealPath().resolve(".lock") + "); wait for it to finish\n";
      CliRun.Result second = kubefile(run());
      CliRun.Result reset = kubefile("reset");
      assertThat(first.isAlive()).as("both were refused while the first run held the cluster").isTrue();
      Files.writeString(release, "");

      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.err()).isEqualTo(inUse);
      assertThat(second.out()).as("no \"resuming\", nothing sent").isEmpty();
      assertThat(reset.exitCode()).isEqualTo(1);
      assertThat(reset.err()).isEqualTo(inUse);
      assertThat(reset.out()).isEmpty();

      String output = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(first.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as(output).isZero();
      assertThat(output).contains("cluster busy: installed " + ClusterImages.ROOTFS + ", " + ClusterImages.APP);
      assertThat(Files.readString(runs)).as("the application command ran once").isEqualTo("run\n");
      Clusterfile saved = new ClusterfileStore(work.resolve("sealos")).load("busy").orElseThrow();
      assertThat(saved.phase()).isEqualTo(Clusterfile.PHASE_SUCCESS);
      assertThat(saved.mounts()).extracting(Clusterfile.Mount::imageName).containsExactly(ClusterImages.ROOTFS, ClusterImages.APP);
    } finally {
      // A failed assertion must not leave the first run (and its waiting command) behind.
      Files.writeString(release, "");
      if (first.isAlive()) {
        first.destroyForcibly().waitFor();
      }
    }

    CliRun.Result after = kubefile("reset");
    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(after.out()).contains("cluster busy reset");
  }
}
