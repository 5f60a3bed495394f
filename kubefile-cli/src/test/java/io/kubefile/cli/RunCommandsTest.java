package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.run.ClusterImages;
import io.kubefile.ssh.TestHost;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.ssh.TestHosts;
import io.kubefile.store.ImageStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * run, exec, scp, create and reset from the command line, on two namespace hosts.get(). Each command is
 * a child process whose {@code HOME} is a directory of the test: the Clusterfile, known_hosts and
 * the default key are looked up under {@code $HOME}, as sealos and the credential files do.
 */
class RunCommandsTest {
  @RegisterExtension static final ClassFixture<TestHosts> hosts = ClassFixture.of(() -> TestHosts.start(2));
  @TempDir static Path work;

  @BeforeAll
  static void setUp() throws Exception {
    ClusterImages.build(ImageStore.open(work.resolve("store")), work.resolve("contexts"));
  }

  private static CliRun.Result kubefile(String... args) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", work.resolve("home").toString());
    env.put("SEALOS_RUNTIME_ROOT", "");
    return CliProcess.run(work.resolve("store"), env, args);
  }

  /** A command that connects to the hosts, with the tests' connect limit (the first connect of a JVM is slow on a busy machine). */
  private static CliRun.Result withoutStore(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--connect-timeout", Long.toString(TestHosts.CONNECT_TIMEOUT.toSeconds())));
    return kubefile(all.toArray(String[]::new));
  }

  @Test
  void anArchivePathThatIsNotThereIsNamedNotPulled() throws Exception {
    Path missing = work.resolve("missing.tar");
    CliRun.Result run = withoutStore("run", "--masters", hosts.get().host(0).ip(), "--pk", hosts.get().clientKey().toString(),
        "-c", "archive", missing.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("Error: " + missing + ": no such image archive\n");
    CliRun.Result directory = withoutStore("run", "--masters", hosts.get().host(0).ip(), "--pk", hosts.get().clientKey().toString(),
        "-c", "archive", work.toString());
    assertThat(directory.err()).contains("Error: " + work + ": no such image archive (a directory, not an archive file)\n");
    assertThat(Files.exists(hosts.get().host(0).path("/var/lib/sealos/data/archive"))).isFalse();
  }

  @Test
  void runExecScpCreateAndResetACluster() throws Exception {
    String master = hosts.get().host(0).ip();
    String node = hosts.get().host(1).ip();
    CliRun.Result run = withoutStore("run", "--masters", master, "--nodes", node, "--pk", hosts.get().clientKey().toString(),
        "-e", "MODE=cli", ClusterImages.ROOTFS, ClusterImages.APP);
    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(run.out()).contains(master + ":22\tfiles of rootfs: ").contains("cluster default: installed " + ClusterImages.ROOTFS);
    assertThat(Files.readString(work.resolve("home/.sealos/default/Clusterfile"))).contains("- " + node + ":22");
    assertThat(Files.readString(work.resolve("home/.ssh/known_hosts"))).contains(master + " ecdsa-sha2-nistp256");

    CliRun.Result exec = withoutStore("exec", "--roles", "node", "cat /tmp/app-cmd.txt 2>/dev/null || echo no app", "hostname");
    assertThat(exec.exitCode()).as(exec.err()).isZero();
    assertThat(exec.out()).isEqualTo(node + ":22\tno app\n" + node + ":22\thost1\n");

    Path dir = Files.createDirectories(work.resolve("copy/sub"));
    Files.writeString(dir.resolve("file.txt"), "copied\n");
    CliRun.Result scp = withoutStore("scp", "--ips", master, work.resolve("copy").toString(), "/tmp/copied");
    assertThat(scp.exitCode()).as(scp.err()).isZero();
    assertThat(scp.out()).isEqualTo("transfers files success\n");
    assertThat(Files.readString(hosts.get().host(0).path("/tmp/copied/sub/file.txt"))).isEqualTo("copied\n");
    assertThat(Files.exists(hosts.get().host(1).path("/tmp/copied"))).isFalse();

    CliRun.Result failing = withoutStore("exec", "exit 4");
    assertThat(failing.exitCode()).isNotZero();
    assertThat(failing.err()).contains("command failed on " + master + ":22 (exit status 4), " + node + ":22 (exit status 4)");

    CliRun.Result create = kubefile("create", "--short", ClusterImages.ROOTFS);
    assertThat(create.exitCode()).as(create.err()).isZero();
    Path created = Path.of(create.out().strip());
    assertThat(Files.readString(created.resolve("etc/version.txt"))).isEqualTo("rootfs\n");
    CliRun.Result commands = kubefile("create", "-e", "GREETING=hi", ClusterImages.ROOTFS);
    assertThat(commands.out()).contains("# rootfs image, runs on every host:\nexport GREETING=\"hi\" registryDomain=\"sealos.hub\" registryPort=\"5000\"; "
        + "cd /var/lib/sealos/data/default/rootfs && printf '%s\\n' 'hi v1.25.0 $(UNKNOWN) $HOME' > /tmp/rootfs-cmd.txt");
    assertThat(Files.readString(created.resolve("etc/config.yaml"))).contains("greeting: HI\n");

    CliRun.Result reset = withoutStore("reset");
    assertThat(reset.exitCode()).as(reset.err()).isZero();
    assertThat(Files.exists(hosts.get().host(0).path("/var/lib/sealos/data/default"))).isFalse();
    CliRun.Result again = withoutStore("reset");
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.err()).contains("cluster default: nothing to reset (no Clusterfile at " + work.resolve("home/.sealos/default/Clusterfile") + ")");
  }

  /**
   * The SSH flags of exec, scp, delete and reset take the place of the saved {@code spec.ssh}'s
   * fields for that command, and are not saved (SEALOS_RUN.md §1.4): here the hosts' password is no
   * longer the one the Clusterfile was saved with. They were accepted and dropped: {@code reset -p}
   * failed with "authentication failed" as {@code reset} did, and {@code exec --ips IP --port N}
   * dialled {@code IP:22}.
   */
  @Test
  void resetDeleteExecAndScpLogInWithTheSshFlagsGivenAndSaveNone() throws Exception {
    TestHost master = hosts.get().host(0);
    TestHost node = hosts.get().host(1);
    Path clusterfile = work.resolve("home/.sealos/flags/Clusterfile");
    Files.createDirectories(clusterfile.getParent());
    Files.writeString(clusterfile, "kind: Cluster\nmetadata: {name: flags}\nspec:\n  ssh: {user: " + TestHosts.USER
        + ", passwd: old-secret}\n  hosts:\n  - {ips: ['" + master.ip() + ":22'], roles: [master]}\n"
        + "  - {ips: ['" + node.ip() + ":22'], roles: [node]}\n");
    String password = TestHosts.USER_PASSWORD;

    CliRun.Result saved = withoutStore("exec", "-c", "flags", "--roles", "master", "id -un");
    assertThat(saved.exitCode()).isNotZero();
    assertThat(saved.err()).contains("Error: cannot connect to " + master.ip() + ":22 as kf: authentication failed (wrong user, password or key)\n");

    CliRun.Result exec = withoutStore("exec", "-c", "flags", "--roles", "master", "-p", password, "id -un");
    assertThat(exec.exitCode()).as(exec.err()).isZero();
    assertThat(exec.out()).isEqualTo(master.ip() + ":22\troot\n");
    Path file = Files.writeString(work.resolve("flags.txt"), "copied with -p\n");
    CliRun.Result scp = withoutStore("scp", "-c", "flags", "--roles", "node", "-p", password, file.toString(), "/tmp/flags.txt");
    assertThat(scp.exitCode()).as(scp.err()).isZero();
    assertThat(Files.readString(node.path("/tmp/flags.txt"))).isEqualTo("copied with -p\n");

    master.restartWithSshdLine("ListenAddress " + master.ip() + ":2222");
    try {
      CliRun.Result port = withoutStore("exec", "-c", "flags", "--ips", master.ip(), "--port", "2222", "-p", password, "id -un");
      assertThat(port.exitCode()).as(port.err()).isZero();
      assertThat(port.out()).isEqualTo(master.ip() + ":2222\troot\n");
    } finally {
      master.restartWithSshdLine(null);
    }

    node.exec("mkdir -p /var/lib/sealos/data/flags/rootfs");
    CliRun.Result delete = withoutStore("delete", "-c", "flags", "--nodes", node.ip(), "-p", password);
    assertThat(delete.exitCode()).as(delete.err()).isZero();
    assertThat(Files.exists(node.path("/var/lib/sealos/data/flags"))).isFalse();
    assertThat(Files.readString(clusterfile)).doesNotContain(node.ip()).contains("passwd: old-secret");

    master.exec("mkdir -p /var/lib/sealos/data/flags/rootfs");
    CliRun.Result reset = withoutStore("reset", "-c", "flags", "-p", password);
    assertThat(reset.exitCode()).as(reset.err()).isZero();
    assertThat(reset.out()).contains("cluster flags reset; its Clusterfile is kept as " + clusterfile + ".");
    assertThat(Files.exists(master.path("/var/lib/sealos/data/flags"))).isFalse();
  }

  /**
   * An address given twice is one host (as sealos's run makes it): kept twice, it was saved twice
   * and every later command, reset included, failed on the Clusterfile with "has duplicate ip".
   * An address that is both a master and a node stays an error naming it.
   */
  @Test
  void anAddressGivenTwiceIsOneHostAndTheClusterStaysUsable() throws Exception {
    String master = hosts.get().host(0).ip();
    String node = hosts.get().host(1).ip();
    String key = hosts.get().clientKey().toString();
    CliRun.Result both = withoutStore("run", "-c", "twice", "--masters", master, "--nodes", node + "," + master, "--pk", key,
        ClusterImages.ROOTFS);
    assertThat(both.exitCode()).isNotZero();
    assertThat(both.err()).contains("Error: has duplicate ip: " + master + ":22 is in both --masters and --nodes\n");
    assertThat(work.resolve("home/.sealos/twice/Clusterfile")).doesNotExist();

    CliRun.Result run = withoutStore("run", "-c", "twice", "--masters", master + "," + master + ":22", "--pk", key, ClusterImages.ROOTFS);
    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    CliRun.Result add = withoutStore("add", "-c", "twice", "--nodes", node + "," + node, "--pk", key);
    assertThat(add.exitCode()).as(add.err() + add.out()).isZero();
    String saved = Files.readString(work.resolve("home/.sealos/twice/Clusterfile"));
    assertThat(saved).containsOnlyOnce("- " + master + ":22").containsOnlyOnce("- " + node + ":22");

    CliRun.Result exec = withoutStore("exec", "-c", "twice", "--roles", "node", "hostname");
    assertThat(exec.exitCode()).as(exec.err()).isZero();
    assertThat(exec.out()).isEqualTo(node + ":22\thost1\n");
    CliRun.Result reset = withoutStore("reset", "-c", "twice");
    assertThat(reset.exitCode()).as(reset.err()).isZero();
    assertThat(Files.exists(hosts.get().host(0).path("/var/lib/sealos/data/twice"))).isFalse();
    assertThat(Files.exists(hosts.get().host(1).path("/var/lib/sealos/data/twice"))).isFalse();
  }

  /** A port out of range was taken, and a run on a saved cluster saved it where the next load refused it. */
  @Test
  void aPortOutOfRangeIsAUsageError() {
    CliRun.Result run = CliRun.runWithoutStore("exec", "--port", "70000", "hostname");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Invalid value for option '--port': must be a port number (1-65535), not \"70000\"");
  }

  /**
   * R1 and R8: {@code run} without --masters on a new cluster makes this machine, by its first
   * non-loopback IPv4 address, the only master, and works on it without SSH. "This machine" is a
   * kubefile process started inside host1's network namespace, with host1's data directories.
   */
  @Test
  void runWithoutHostsInstallsOnThisMachineAsItsOnlyMaster() throws Exception {
    TestHost self = hosts.get().host(1);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script = "set -e; mount --bind " + work + " /mnt; "
        + "mount --bind " + self.directory().resolve("sealos") + " /var/lib/sealos; "
        + "mount --bind " + self.directory().resolve("etc/hosts") + " /etc/hosts; "
        + "mount --bind " + self.directory().resolve("tmp") + " /tmp; "
        + "exec " + java + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp " + System.getProperty("java.class.path") + " "
        + KubefileCommand.class.getName() + " run -c solo " + ClusterImages.ROOTFS;
    ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", self.namespace(), "unshare", "--mount",
        "--propagation", "private", "sh", "-c", script).redirectErrorStream(true);
    builder.environment().put("HOME", "/mnt/solo-home");
    builder.environment().put("KUBEFILE_ROOT", "/mnt/store");
    builder.environment().remove("SEALOS_RUNTIME_ROOT");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();

    assertThat(output).contains(self.ip() + ":22\tfiles of rootfs: ").contains("cluster solo: installed " + ClusterImages.ROOTFS);
    String clusterfile = Files.readString(work.resolve("solo-home/.sealos/solo/Clusterfile"));
    assertThat(clusterfile).contains("  - ips:\n    - " + self.ip() + ":22\n    roles:\n    - master\n    - "
        + io.kubefile.run.RunPipeline.goArch(self.exec("uname -m").strip()) + "\n");
    assertThat(Files.readString(self.path("/var/lib/sealos/data/solo/rootfs/etc/version.txt"))).isEqualTo("rootfs\n");
    assertThat(Files.readString(self.path("/tmp/rootfs-cmd.txt"))).startsWith("hello v1.25.0");
    // Local: no SSH, so no host key was recorded.
    assertThat(work.resolve("solo-home/.ssh/known_hosts")).doesNotExist();
  }
}
