package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.run.ClusterImages;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.ssh.TestHosts;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random SIGKILLs of {@code kubefile run} on two namespace hosts (mid-connect, mid-transfer,
 * mid-script), each followed by the same command again: the rerun finishes the install, the hosts
 * hold what an undisturbed run leaves, and reset then cleans up. Real processes, real sshd hosts.get().
 */
@Tag("reliability")
class KillAndRerunRunTest {
  static final int TRIALS = 3;
  private static final int MAX_DELAY_MILLIS = 4000;

  @RegisterExtension static final ClassFixture<TestHosts> hosts = ClassFixture.of(() -> TestHosts.start(2));
  @TempDir static Path work;

  @BeforeAll
  static void setUp() throws Exception {
    ClusterImages.build(ImageStore.open(work.resolve("store")), work.resolve("contexts"));
  }

  private static Process start(String cluster, String... command) throws IOException {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("-c", cluster, "--known-hosts", work.resolve("known_hosts").toString(),
        "--connect-timeout", Long.toString(TestHosts.CONNECT_TIMEOUT.toSeconds())));
    return CliProcess.start(work.resolve("store"), Map.of("SEALOS_RUNTIME_ROOT", work.resolve("sealos").toString()),
        false, args.toArray(String[]::new));
  }

  private static String[] runCommand() {
    return new String[] {"run", "--masters", hosts.get().host(0).ip(), "--nodes", hosts.get().host(1).ip(),
        "--pk", hosts.get().clientKey().toString(), ClusterImages.ROOTFS, ClusterImages.APP};
  }

  private static String finish(Process p, String what) throws Exception {
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(what + "\n" + output).isZero();
    return output;
  }

  @Test
  void aKilledRunIsFinishedByTheSameCommandAgain() throws Exception {
    Random random = new Random(KillAndRerunTest.SEED);
    List<String> trials = new ArrayList<>();
    int kills = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      String cluster = "kill" + trial;
      long delay = random.nextInt(MAX_DELAY_MILLIS);
      boolean killed = KillAndRerunTest.killAt(start(cluster, runCommand()), delay);
      kills += killed ? 1 : 0;

      String rerun = finish(start(cluster, runCommand()), "rerun of trial " + trial);

      assertThat(Files.readString(work.resolve("sealos/" + cluster + "/Clusterfile")))
          .as("trial %d (killed=%s at %d ms): %s", trial, killed, delay, rerun)
          .contains(ClusterImages.ROOTFS).contains(ClusterImages.APP);
      for (int host = 0; host < 2; host++) {
        Path rootfs = hosts.get().host(host).path("/var/lib/sealos/data/" + cluster + "/rootfs");
        assertThat(Files.readString(rootfs.resolve("etc/config.yaml"))).as("host %d, trial %d", host, trial)
            .isEqualTo("registry: sealos.hub:5000\nkube: v1.25.0\ngreeting: HELLO\nmissing: <no value>\n");
        assertThat(Files.readString(rootfs.resolve("bin/tool"))).isEqualTo("#!/bin/sh\necho tool\n");
        assertThat(Files.readSymbolicLink(rootfs.resolve("bin/tool-link"))).isEqualTo(Path.of("tool"));
      }
      assertThat(Files.readString(hosts.get().host(0).path("/tmp/app-cmd.txt"))).startsWith("demo ");
      assertThat(hosts.get().host(1).exec("curl -s http://sealos.hub:5000/v2/library/payload/tags/list"))
          .contains("\"v1\"");

      String again = finish(start(cluster, runCommand()), "third run of trial " + trial);
      assertThat(again).as("a run after the finished one installs nothing again").doesNotContain("files of rootfs");

      // The test image's clean-registry.sh kills the registry its last init-registry.sh started; a
      // run killed after init-registry leaves an earlier one serving, which that script does not
      // know, so reset reports the script's failure (and goes on, R32). The test stops that one.
      Process reset = start(cluster, "reset", "-f");
      String resetOutput = new String(reset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(reset.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(resetOutput).as("reset of trial " + trial).contains("cluster " + cluster + " reset");
      assertThat(hosts.get().host(0).path("/var/lib/sealos/data/" + cluster)).doesNotExist();
      assertThat(hosts.get().host(1).path("/var/lib/sealos/data/" + cluster)).doesNotExist();
      hosts.get().host(0).exec("kill $(ss -Htlnp 'sport = :5000' | grep -o 'pid=[0-9]*' | cut -d= -f2) 2>/dev/null; true");
      Files.deleteIfExists(hosts.get().host(0).path("/tmp/app-cmd.txt"));
      trials.add(KillAndRerunTest.outcome("run", killed, delay));
    }
    System.out.println("reliability-count: run sigkill trials=" + TRIALS + " kills=" + kills + " failures=0 " + trials);
  }
}
