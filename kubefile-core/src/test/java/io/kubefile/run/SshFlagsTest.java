package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.run.Clusterfile.SshSpec;
import io.kubefile.ssh.TestHost;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.ssh.TestHosts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH flags of {@code exec}, {@code scp}, {@code delete} and {@code reset} over the saved
 * Clusterfile's {@code spec.ssh}, field by field and for that command only (SEALOS_RUN.md §1.4), on
 * namespace hosts whose user {@code kf} no longer has the password the Clusterfile was saved with.
 * Before, the flags were accepted and dropped: {@code reset -p NEW} failed as {@code reset} did.
 */
class SshFlagsTest {
  static final SshSpec NEW_PASSWORD = new SshSpec(null, TestHosts.USER_PASSWORD, null, null, null);
  @RegisterExtension static final ClassFixture<TestHosts> hosts = ClassFixture.of(() -> TestHosts.start(2));
  @TempDir Path runtime;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private static String address(int host) {
    return hosts.get().host(host).ip() + ":22";
  }

  /** Cluster {@code c}, master host0 and node host1, saved with {@code spec.ssh}; returns the file as written. */
  private String save(String ssh) throws Exception {
    RunFixture.clusterfiles(runtime).save(Clusterfile.parse("""
        kind: Cluster
        metadata: {name: c}
        spec:
          ssh: %s
          hosts:
          - {ips: [%s], roles: [master]}
          - {ips: [%s], roles: [node]}
        """.formatted(ssh, address(0), address(1)), "Clusterfile"));
    return Files.readString(RunFixture.clusterfiles(runtime).path("c"));
  }

  private String savedWithTheOldPassword() throws Exception {
    return save("{user: " + TestHosts.USER + ", passwd: old-secret}");
  }

  private String clusterfile() throws Exception {
    return Files.readString(RunFixture.clusterfiles(runtime).path("c"));
  }

  private ClusterCommands commands(SshSpec flags) {
    return new ClusterCommands(RunFixture.clusterfiles(runtime), RunFixture.ssh(runtime), runtime,
        new PrintStream(console, true, StandardCharsets.UTF_8)).sshFlags(flags);
  }

  private ResetPipeline reset(SshSpec flags) {
    return new ResetPipeline(RunFixture.clusterfiles(runtime), RunFixture.ssh(runtime), runtime,
        new PrintStream(console, true, StandardCharsets.UTF_8), Clock.systemUTC()).sshFlags(flags);
  }

  private static String authenticationFailed(int host) {
    return "cannot connect to " + address(host) + " as kf: authentication failed (wrong user, password or key)";
  }

  @Test
  void execAndScpLogInWithThePasswordGivenAndLeaveTheSavedOne() throws Exception {
    String saved = savedWithTheOldPassword();
    assertThatThrownBy(() -> commands(null).exec("c", List.of(), List.of(), List.of("id -un")))
        .hasMessage(authenticationFailed(0) + "; " + authenticationFailed(1) + " (nothing was changed on any host)");

    commands(NEW_PASSWORD).exec("c", List.of("master"), List.of(), List.of("id -un"));
    Path file = Files.writeString(runtime.resolve("flags.txt"), "copied with -p\n");
    commands(NEW_PASSWORD).scp("c", List.of("node"), List.of(), file, "/tmp/flags.txt");

    // Commands run as root through sudo, which the password given answers too.
    assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo(address(0) + "\troot\ntransfers files success\n");
    assertThat(Files.readString(hosts.get().host(1).path("/tmp/flags.txt"))).isEqualTo("copied with -p\n");
    assertThat(clusterfile()).as("the flags are not saved").isEqualTo(saved).contains("passwd: old-secret");
  }

  @Test
  void resetWithThePasswordGivenCleansEveryHostWhereWithoutItNoHostIsReached() throws Exception {
    savedWithTheOldPassword();
    hosts.get().host(0).exec("mkdir -p /var/lib/sealos/data/c/rootfs && touch /var/lib/sealos/data/c/rootfs/x");
    hosts.get().host(1).exec("mkdir -p /var/lib/sealos/data/c/rootfs && touch /var/lib/sealos/data/c/rootfs/x");

    assertThatThrownBy(() -> reset(null).reset("c"))
        .hasMessage("reset of cluster c finished with errors: " + authenticationFailed(0) + "; " + authenticationFailed(1));
    assertThat(RunFixture.clusterfiles(runtime).path("c")).exists();

    reset(NEW_PASSWORD).reset("c");

    assertThat(console.toString(StandardCharsets.UTF_8)).contains("cluster c reset; its Clusterfile is kept as "
        + RunFixture.clusterfiles(runtime).clusterDir("c").resolve("Clusterfile."));
    assertThat(hosts.get().host(0).path("/var/lib/sealos/data/c")).doesNotExist();
    assertThat(hosts.get().host(1).path("/var/lib/sealos/data/c")).doesNotExist();
  }

  @Test
  void deleteWithThePasswordGivenCleansTheHostAndSavesTheClusterfileWithoutTheFlags() throws Exception {
    savedWithTheOldPassword();
    hosts.get().host(1).exec("mkdir -p /var/lib/sealos/data/c/rootfs && touch /var/lib/sealos/data/c/rootfs/x");

    reset(NEW_PASSWORD).delete("c", List.of(address(1)));

    assertThat(hosts.get().host(1).path("/var/lib/sealos/data/c")).doesNotExist();
    Clusterfile after = RunFixture.clusterfiles(runtime).load("c").orElseThrow();
    assertThat(after.allHosts()).containsExactly(address(0));
    assertThat(after.ssh()).isEqualTo(new SshSpec(TestHosts.USER, "old-secret", null, null, null));
    // The remaining master got the new Clusterfile over a connection made with the flags (R24).
    assertThat(Files.readString(hosts.get().host(0).path(RunFixture.clusterfiles(runtime).path("c").toString()))).isEqualTo(clusterfile());
  }

  /** Sealos: a host's own {@code ssh} over the command's flags, which replace only {@code spec.ssh}'s fields. */
  @Test
  void aHostsOwnSshStillWinsOverTheFlags() throws Exception {
    RunFixture.clusterfiles(runtime).save(Clusterfile.parse("""
        kind: Cluster
        metadata: {name: c}
        spec:
          ssh: {user: root, pk: %s}
          hosts:
          - {ips: [%s], roles: [master], ssh: {user: kf, passwd: %s}}
        """.formatted(hosts.get().clientKey(), address(0), TestHosts.USER_PASSWORD), "Clusterfile"));

    commands(new SshSpec("root", "wrong", null, null, null)).exec("c", List.of(), List.of(), List.of("echo $SUDO_USER"));

    assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo(address(0) + "\tkf\n");
  }

  /** {@code --port} is the port of a bare {@code --ips} address, as of a bare {@code --masters} one of run. */
  @Test
  void aBareIpOfIpsIsDialledOnThePortFlag() throws Exception {
    TestHost host = hosts.get().host(0);
    save("{user: root, pk: " + hosts.get().clientKey() + "}");
    host.restartWithSshdLine("ListenAddress " + host.ip() + ":2222");
    try {
      commands(new SshSpec(null, null, null, null, 2222)).exec("c", List.of(), List.of(host.ip()), List.of("echo $SSH_CONNECTION"));
    } finally {
      host.restartWithSshdLine(null);
    }
    assertThat(console.toString(StandardCharsets.UTF_8))
        .matches(host.ip() + ":2222\t" + hosts.get().gateway().replace(".", "\\.") + " \\d+ " + host.ip().replace(".", "\\.") + " 2222\n");
  }
}
