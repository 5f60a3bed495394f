package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.store.ImageStore;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One command at a time per cluster: {@code run}, {@code apply}, {@code add}, {@code reset} and
 * {@code delete} of a cluster that another process (a child JVM here, as another kubefile command
 * would be) holds fail at once with a message naming the cluster and the lock file, having read,
 * written and contacted nothing. The hosts are TEST-NET addresses that exist nowhere: the only way
 * these tests pass is that the lock is refused before any connection is tried.
 */
class ClusterLockTest {
  private static final String NOWHERE = "192.0.2.1:22";
  private static final String NOWHERE_NODE = "192.0.2.2:22";

  @TempDir Path runtime;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();
  ClusterfileStore clusterfiles;
  ImageStore store;
  Process holder;

  @BeforeEach
  void setUp() throws IOException {
    clusterfiles = new ClusterfileStore(runtime.resolve("sealos"));
    store = ImageStore.open(runtime.resolve("store"));
  }

  @AfterEach
  void stopHolder() throws InterruptedException {
    if (holder != null) {
      holder.destroyForcibly().waitFor();
    }
  }

  private io.kubefile.ssh.SshOptions ssh() {
    return io.kubefile.ssh.SshOptions.defaults(runtime).withKnownHosts(runtime.resolve("known_hosts"));
  }

  private RunPipeline run() {
    return new RunPipeline(clusterfiles, store, name -> store.resolve(name).orElseThrow(), ssh(), runtime,
        new PrintStream(console, true, StandardCharsets.UTF_8), Clock.systemUTC());
  }

  private ResetPipeline reset() {
    return new ResetPipeline(clusterfiles, ssh(), runtime, new PrintStream(console, true, StandardCharsets.UTF_8),
        Clock.systemUTC());
  }

  private static RunRequest newCluster(String cluster) {
    return new RunRequest(cluster, List.of("test.local/rootfs:v1"), List.of(NOWHERE), List.of(), null, Map.of(), List.of(),
        false, null);
  }

  private String inUse(String cluster) throws IOException {
    return "cluster " + cluster + " is in use by another kubefile command (lock held on "
        + clusterfiles.clusterDir(cluster).toRealPath().resolve(".lock") + "); wait for it to finish";
  }

  /** Starts a child JVM that takes the cluster's lock and keeps it until killed (or this JVM exits). */
  private void holdFromAnotherProcess(String cluster) throws IOException {
    holder = Holder.start(runtime.resolve("sealos"), cluster, "hold");
    String first = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
    assertThat(first).as("the holder's first line").isEqualTo("locked");
  }

  private void saveCluster(String cluster) {
    clusterfiles.save(Clusterfile.parse("""
        kind: Cluster
        metadata: {name: %s}
        spec:
          image: [test.local/rootfs:v1]
          hosts:
          - {ips: [%s], roles: [master]}
          - {ips: [%s], roles: [node]}
        status:
          phase: ClusterSuccess
          mounts:
          - {name: %1$s-00000000, type: rootfs, imageName: test.local/rootfs:v1}
        """.formatted(cluster, NOWHERE, NOWHERE_NODE), "saved"));
  }

  private List<String> filesOf(String cluster) throws IOException {
    try (Stream<Path> files = Files.list(clusterfiles.clusterDir(cluster))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aRunOfAClusterAnotherProcessIsChangingFailsAtOnceAndWritesNothing() throws Exception {
    holdFromAnotherProcess("busy");

    assertThatThrownBy(() -> run().run(newCluster("busy")))
        .isInstanceOf(RunException.class)
        .hasMessage(inUse("busy"));
    // No Clusterfile, no rendered files, no logs: only the holder's lock file.
    assertThat(filesOf("busy")).containsExactly(".lock");
    assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void applyAddResetAndDeleteOfAClusterAnotherProcessIsChangingFailAndLeaveItsClusterfileAsItWas() throws Exception {
    saveCluster("busy");
    String before = Files.readString(clusterfiles.path("busy"));
    holdFromAnotherProcess("busy");

    Clusterfile given = Clusterfile.parse(before, "Clusterfile");
    assertThatThrownBy(() -> run().run(new RunRequest("busy", given.images(), List.of(), List.of(), null, Map.of(), List.of(),
        false, given))).isInstanceOf(RunException.class).hasMessage(inUse("busy"));
    assertThatThrownBy(() -> run().add("busy", List.of(), List.of("192.0.2.3:22"), null))
        .isInstanceOf(RunException.class).hasMessage(inUse("busy"));
    assertThatThrownBy(() -> reset().reset("busy")).isInstanceOf(RunException.class).hasMessage(inUse("busy"));
    assertThatThrownBy(() -> reset().delete("busy", List.of(NOWHERE_NODE)))
        .isInstanceOf(RunException.class).hasMessage(inUse("busy"));

    assertThat(Files.readString(clusterfiles.path("busy"))).isEqualTo(before);
    assertThat(filesOf("busy")).as("not moved aside, nothing rendered or logged").containsExactly(".lock", "Clusterfile");
    assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aSecondCommandInTheSameJvmIsRefusedAlikeWithoutReleasingTheFirstOnesLock() throws Exception {
    try (ClusterLock first = ClusterLock.acquire(clusterfiles, "busy")) {
      assertThatThrownBy(() -> run().run(newCluster("busy"))).isInstanceOf(RunException.class).hasMessage(inUse("busy"));
      // The refused attempt must not have closed a channel on the file: that would drop the
      // first holder's lock for every other process.
      assertThat(Holder.tryOnce(runtime.resolve("sealos"), "busy")).isEqualTo(inUse("busy"));
    }
    assertThat(Holder.tryOnce(runtime.resolve("sealos"), "busy")).as("released on close").isEqualTo("locked");
  }

  @Test
  void theLockOfAKilledCommandIsNoObstacle() throws Exception {
    holdFromAnotherProcess("killed");
    holder.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

    // The run gets past the lock: it fails on its own request, not on the dead process's lock.
    assertThatThrownBy(() -> run().run(new RunRequest("killed", List.of(), List.of(NOWHERE), List.of(), null, Map.of(),
        List.of(), false, null))).isInstanceOf(RunException.class).hasMessage("image can not be empty");
    try (ClusterLock lock = ClusterLock.acquire(clusterfiles, "killed")) {
      assertThat(lock.file()).isEqualTo(clusterfiles.clusterDir("killed").toRealPath().resolve(".lock"));
    }
  }

  @Test
  void resetAndDeleteOfAClusterThatDoesNotExistLeaveNoDirectoryBehind() {
    assertThatThrownBy(() -> reset().reset("typo")).isInstanceOf(RunException.class)
        .hasMessage("cluster typo: nothing to reset (no Clusterfile at " + clusterfiles.path("typo") + ")");
    assertThatThrownBy(() -> reset().delete("typo", List.of(NOWHERE_NODE))).isInstanceOf(RunException.class)
        .hasMessage("cluster typo does not exist (no Clusterfile at " + clusterfiles.path("typo") + ")");
    assertThatThrownBy(() -> run().add("typo", List.of(), List.of(NOWHERE_NODE), null)).isInstanceOf(RunException.class)
        .hasMessage("cluster typo does not exist (no Clusterfile at " + clusterfiles.path("typo") + ")");
    assertThat(clusterfiles.clusterDir("typo")).doesNotExist();
  }

  /** Another kubefile command, as far as the lock goes: a JVM of its own taking {@link ClusterLock}. */
  static final class Holder {
    static Process start(Path runtimeRoot, String cluster, String mode) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          Holder.class.getName(), runtimeRoot.toString(), cluster, mode)
          .redirectErrorStream(true).start();
    }

    /** What a second process gets: "locked" (it took the lock and let it go), or the refusal. */
    static String tryOnce(Path runtimeRoot, String cluster) throws Exception {
      Process p = start(runtimeRoot, cluster, "try");
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return output;
    }

    public static void main(String[] args) throws Exception {
      try (ClusterLock lock = ClusterLock.acquire(new ClusterfileStore(Path.of(args[0])), args[1])) {
        System.out.println("locked");
        System.out.flush();
        if (args[2].equals("hold")) {
          // Until killed, or until the test JVM goes away and stdin closes.
          while (System.in.read() >= 0) {
            // keep holding
          }
        }
      } catch (RunException e) {
        System.out.println(e.getMessage());
      }
    }
  }
}
