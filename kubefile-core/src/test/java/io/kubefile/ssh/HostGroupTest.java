package io.kubefile.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The SSH layer against real sshd hosts in network namespaces. */
class HostGroupTest {
  @RegisterExtension static final ClassFixture<TestHosts> hosts = ClassFixture.of(() -> TestHosts.start(2));
  @TempDir Path local;

  private SshOptions options() throws Exception {
    return SshOptions.defaults(local).withKnownHosts(local.resolve("known_hosts"))
        .withConnectTimeout(TestHosts.CONNECT_TIMEOUT);
  }

  private HostGroup connect(SshCredentials credentials, HostAddress... addresses) throws Exception {
    return HostGroup.connect(List.of(addresses), a -> credentials, options());
  }

  @Test
  void runsCommandsAsRootOnEveryHostInParallelWithPrefixedOutputAndPerHostLogs() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    HostAddress a = hosts.get().host(0).address();
    HostAddress b = hosts.get().host(1).address();
    try (HostGroup group = connect(hosts.get().rootKey(), a, b);
        HostOutput output = new HostOutput(new PrintStream(console, true, StandardCharsets.UTF_8), local.resolve("logs"))) {
      Map<HostAddress, Integer> status = group.onEach(List.of(a, b), host -> host.run("hostname; id -u; echo err >&2; exit 3", output.sink(host.address())));
      assertThat(status).containsEntry(a, 3).containsEntry(b, 3);
    }
    assertThat(console.toString(StandardCharsets.UTF_8).lines())
        .contains(a + "\thost0", a + "\t0", a + "\terr", b + "\thost1", b + "\t0");
    assertThat(Files.readAllLines(local.resolve("logs/" + a + ".log"))).containsExactly("host0", "0", "err");
  }

  @Test
  void reusesOneConnectionPerHostForCommandsAndTransfers() throws Exception {
    TestHost host = hosts.get().host(0);
    String marker = UUID.randomUUID().toString();
    try (HostGroup group = connect(hosts.get().rootKey(), host.address())) {
      Host h = group.host(host.address());
      for (int i = 0; i < 5; i++) {
        h.runChecked("echo " + marker + " >> /tmp/reuse", "echo", LineSink.DISCARD);
        try (FileTransfer transfer = h.transfer()) {
          transfer.file(("x" + i).getBytes(), "/tmp/reuse-" + i, 0644);
          transfer.commit();
        }
      }
      // Established connections to sshd on the host: one, however many commands ran.
      String established = host.exec("ss -Htn state established '( sport = :22 )' | wc -l").strip();
      assertThat(established).isEqualTo("1");
    }
  }

  @Test
  void transfersOnTheKeptSftpChannelTakeTurnsAcrossThreads() throws Exception {
    // A run writes a host's trees from several threads; MINA's SFTP client must not be sent on
    // from two of them at once, so a second transfer() waits for the first to be closed.
    TestHost host = hosts.get().host(0);
    try (HostGroup group = connect(hosts.get().rootKey(), host.address())) {
      Host h = group.host(host.address());
      java.util.concurrent.CompletableFuture<Void> second;
      try (FileTransfer first = h.transfer()) {
        second = java.util.concurrent.CompletableFuture.runAsync(() -> {
          try (FileTransfer transfer = h.transfer()) {
            transfer.file("second".getBytes(), "/tmp/turns-second", 0644);
            transfer.commit();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        Thread.sleep(300);
        assertThat(second).as("the second transfer waits while the first is open").isNotDone();
        first.file("first".getBytes(), "/tmp/turns-first", 0644);
        first.commit();
      }
      second.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(Files.readString(host.path("/tmp/turns-first"))).isEqualTo("first");
      assertThat(Files.readString(host.path("/tmp/turns-second"))).isEqualTo("second");
      // A transfer closed twice gives its turn back once; the next one, on another thread, gets its turn.
      FileTransfer twice = h.transfer();
      twice.close();
      twice.close();
      java.util.concurrent.CompletableFuture.runAsync(() -> {
        try (FileTransfer next = h.transfer()) {
          next.file("next".getBytes(), "/tmp/turns-next", 0644);
          next.commit();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(Files.readString(host.path("/tmp/turns-next"))).isEqualTo("next");
      // A transfer on a channel of its own does not wait for the kept one.
      try (FileTransfer kept = h.transfer(); FileTransfer own = h.separateTransfer()) {
        own.file("own".getBytes(), "/tmp/turns-own", 0644);
        own.commit();
      }
      assertThat(Files.readString(host.path("/tmp/turns-own"))).isEqualTo("own");
    }
  }

  @Test
  void aNonRootUserRunsAsRootThroughSudoWithCommandsQuotedExactly() throws Exception {
    SshCredentials user = new SshCredentials(TestHosts.USER, TestHosts.USER_PASSWORD, null, null);
    HostAddress a = hosts.get().host(0).address();
    try (HostGroup group = connect(user, a)) {
      Host.CommandOutput out = group.host(a).capture("id -u; echo \"it's $((1+1)) 'quoted' \\$HOME\"; cat", LineSink.DISCARD);
      // cat reads nothing: the sudo password on stdin is not passed to the command.
      assertThat(out.text()).isEqualTo("0\nit's 2 'quoted' $HOME\n");
    }
  }

  @Test
  void sudoWithoutAPasswordFailsInsteadOfWaitingForAPrompt() throws Exception {
    Path key = hosts.get().scratch().resolve("user-key-" + UUID.randomUUID());
    TestHosts.check("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", key.toString());
    Path authorized = hosts.get().host(0).path("/home/" + TestHosts.USER + "/.ssh/authorized_keys");
    Files.createDirectories(authorized.getParent());
    Files.writeString(authorized, Files.readString(Path.of(key + ".pub")));
    TestHosts.check("chown", "-R", "4242:4242", authorized.getParent().toString());
    HostAddress a = hosts.get().host(0).address();
    try (HostGroup group = connect(new SshCredentials(TestHosts.USER, null, key, null), a)) {
      List<String> lines = new java.util.ArrayList<>();
      int status = group.host(a).run("true", lines::add);
      assertThat(status).isEqualTo(1);
      assertThat(lines).anyMatch(line -> line.contains("a password is required"));
    }
  }

  @Test
  void transfersAreAtomicKeepModesAndSymlinksAndReplaceExistingFiles() throws Exception {
    Path script = Files.writeString(local.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    HostAddress a = hosts.get().host(0).address();
    String root = "/var/lib/sealos/t-" + UUID.randomUUID();
    try (HostGroup group = connect(hosts.get().rootKey(), a)) {
      Host host = group.host(a);
      try (FileTransfer transfer = host.transfer()) {
        transfer.file("old".getBytes(), root + "/etc/config", 0600);
        transfer.commit();
      }
      try (FileTransfer transfer = host.transfer()) {
        transfer.directory(root + "/empty", 0700);
        transfer.file(script, root + "/scripts/run.sh", 0755);
        transfer.file("new".getBytes(), root + "/etc/config", 0640);
        transfer.symlink("scripts/run.sh", root + "/link");
        transfer.commit();
      }
    }
    Path onHost = hosts.get().host(0).path(root);
    assertThat(Files.readString(onHost.resolve("etc/config"))).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onHost.resolve("etc/config")))).isEqualTo("rw-r-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onHost.resolve("scripts/run.sh")))).isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onHost.resolve("empty")))).isEqualTo("rwx------");
    assertThat(Files.readSymbolicLink(onHost.resolve("link"))).isEqualTo(Path.of("scripts/run.sh"));
    try (var files = Files.walk(onHost)) {
      assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void aNonRootUserTransfersThroughStagingAndTheFilesBelongToRoot() throws Exception {
    SshCredentials user = new SshCredentials(TestHosts.USER, TestHosts.USER_PASSWORD, null, null);
    HostAddress a = hosts.get().host(1).address();
    String root = "/var/lib/sealos/u-" + UUID.randomUUID();
    try (HostGroup group = connect(user, a); FileTransfer transfer = group.host(a).transfer()) {
      transfer.file("data".getBytes(), root + "/f", 0640);
      transfer.symlink("f", root + "/l");
      transfer.commit();
    }
    TestHost host = hosts.get().host(1);
    assertThat(host.exec("stat -c '%U %a %s' " + root + "/f; readlink " + root + "/l; ls -A /var/tmp | wc -l"))
        .isEqualTo("root 640 4\nf\n0\n");
  }

  @Test
  void newHostKeysAreRecordedAndAChangedKeyIsRefusedNamingHostAndFingerprint() throws Exception {
    TestHost host = hosts.get().host(1);
    try (HostGroup group = connect(hosts.get().rootKey(), host.address())) {
      assertThat(group.host(host.address()).run("true", LineSink.DISCARD)).isZero();
    }
    assertThat(Files.readString(local.resolve("known_hosts"))).startsWith(host.ip() + " ecdsa-sha2-nistp256 ");
    host.newHostKey();
    host.restart();
    assertThatThrownBy(() -> connect(hosts.get().rootKey(), host.address()))
        .isInstanceOf(HostKeyChangedException.class)
        .hasMessageStartingWith("the host key of " + host.address() + " has changed: it now presents SHA256:")
        .hasMessageContaining(local.resolve("known_hosts").toString())
        .hasMessageContaining("ssh-keygen -R");
    try (HostGroup group = HostGroup.connect(List.of(host.address()), a -> hosts.get().rootKey(), options().withSkipHostKeyCheck(true))) {
      assertThat(group.host(host.address()).run("true", LineSink.DISCARD)).isZero();
    }
  }

  @Test
  void hostsSeenForTheFirstTimeTogetherAreAllRecorded() throws Exception {
    HostAddress a = hosts.get().host(0).address();
    HostAddress b = hosts.get().host(1).address();
    for (int round = 0; round < 10; round++) {
      Path knownHosts = local.resolve("known_hosts-" + round);
      try (HostGroup group = HostGroup.connect(List.of(a, b), x -> hosts.get().rootKey(), options().withKnownHosts(knownHosts))) {
        assertThat(group.host(a).run("true", LineSink.DISCARD)).isZero();
      }
      assertThat(Files.readAllLines(knownHosts)).as("round " + round)
          .anyMatch(line -> line.startsWith(hosts.get().host(0).ip() + " "))
          .anyMatch(line -> line.startsWith(hosts.get().host(1).ip() + " "));
    }
  }

  @Test
  void aHostThatIsDownFailsTheConnectBeforeAnythingRunsAnywhere() throws Exception {
    TestHost down = hosts.get().host(1);
    down.stop();
    try {
      assertThatThrownBy(() -> connect(hosts.get().rootKey(), hosts.get().host(0).address(), down.address()))
          .isInstanceOf(HostUnreachableException.class)
          .hasMessage("cannot connect to " + down.address() + " as root: Connection refused");
    } finally {
      down.restart();
    }
  }

  @Test
  void aWrongPasswordIsAnAuthenticationErrorNamingHostAndUser() throws Exception {
    HostAddress a = hosts.get().host(0).address();
    assertThatThrownBy(() -> connect(new SshCredentials(TestHosts.USER, "wrong", null, null), a))
        .isInstanceOf(HostUnreachableException.class)
        .hasMessage("cannot connect to " + a + " as kf: authentication failed (wrong user, password or key)");
  }

  @Test
  void logsInWithEncryptedOpenSshAndPemKeys() throws Exception {
    for (String[] format : List.of(new String[] {"-t", "ecdsa"}, new String[] {"-t", "rsa", "-b", "2048", "-m", "PEM"})) {
      Path key = hosts.get().scratch().resolve("k-" + UUID.randomUUID());
      List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-N", "pass phrase", "-f", key.toString()));
      command.addAll(List.of(format));
      TestHosts.check(command.toArray(String[]::new));
      Path authorized = hosts.get().host(0).path("/root/.ssh/authorized_keys");
      Files.writeString(authorized, Files.readString(Path.of(key + ".pub")), java.nio.file.StandardOpenOption.APPEND);
      HostAddress a = hosts.get().host(0).address();
      try (HostGroup group = connect(new SshCredentials("root", null, key, "pass phrase"), a)) {
        assertThat(group.host(a).capture("echo ok", LineSink.DISCARD).text()).isEqualTo("ok\n");
      }
      assertThatThrownBy(() -> connect(new SshCredentials("root", null, key, null), a))
          .isInstanceOf(HostException.class)
          .hasMessageStartingWith("cannot read the private key " + key + ": it is encrypted and no passphrase was given (--pk-passwd), or ");
    }
  }

  @Test
  void logsInWithEd25519KeysInOpenSshFormatWithAndWithoutPassphrase() throws Exception {
    for (String passphrase : new String[] {"", "ed pass"}) {
      Path key = hosts.get().scratch().resolve("ed-" + UUID.randomUUID());
      TestHosts.check("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", key.toString());
      Path authorized = hosts.get().host(1).path("/root/.ssh/authorized_keys");
      Files.writeString(authorized, Files.readString(Path.of(key + ".pub")), java.nio.file.StandardOpenOption.APPEND);
      HostAddress a = hosts.get().host(1).address();
      try (HostGroup group = connect(new SshCredentials("root", null, key, passphrase), a)) {
        assertThat(group.host(a).capture("echo ed25519", LineSink.DISCARD).text()).isEqualTo("ed25519\n");
      }
    }
  }

  @Test
  void aConnectionResetDuringTheHandshakeIsRetriedWithDoublingDelays() throws Exception {
    TestHost target = hosts.get().host(0);
    try (ResettingProxy proxy = new ResettingProxy(new java.net.InetSocketAddress(target.ip(), 22), 3);
        SshConnector connector = new SshConnector(options())) {
      long start = System.nanoTime();
      try (Host host = connector.openSsh(proxy.address(), hosts.get().rootKey())) {
        assertThat(host.capture("hostname", LineSink.DISCARD).text()).isEqualTo("host0\n");
      }
      // Three resets, then success: waits of 100, 200 and 400 ms between the four attempts.
      assertThat(proxy.connections()).isEqualTo(4);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }
  }

  @Test
  void connectionResetsGiveUpAfterFiveAttempts() throws Exception {
    TestHost target = hosts.get().host(0);
    try (ResettingProxy proxy = new ResettingProxy(new java.net.InetSocketAddress(target.ip(), 22), 100);
        SshConnector connector = new SshConnector(options())) {
      assertThatThrownBy(() -> connector.openSsh(proxy.address(), hosts.get().rootKey()))
          .isInstanceOf(HostUnreachableException.class)
          .hasMessageStartingWith("cannot connect to " + proxy.address() + " as root (5 attempts): ");
      assertThat(proxy.connections()).isEqualTo(5);
    }
  }

  @Test
  void aRefusedConnectionIsNotRetried() throws Exception {
    TestHost down = hosts.get().host(1);
    try (SshConnector connector = new SshConnector(options())) {
      HostAddress closedPort = new HostAddress(down.ip(), 2);
      assertThatThrownBy(() -> connector.openSsh(closedPort, hosts.get().rootKey()))
          .isInstanceOf(HostUnreachableException.class)
          .hasMessage("cannot connect to " + closedPort + " as root: Connection refused");
    }
  }

  /**
   * R23's limit really stops a command: sshd does not when the channel closes. The command and
   * what it started are gone from the host when the error is reported, as root and through sudo;
   * the report of the command's process group is not part of its output; the connection is still
   * usable.
   */
  @Test
  void aCommandOverItsTimeLimitIsStoppedOnTheHostWithEverythingItStarted() throws Exception {
    TestHost host = hosts.get().host(0);
    SshCredentials user = new SshCredentials(TestHosts.USER, TestHosts.USER_PASSWORD, null, null);
    for (SshCredentials login : List.of(hosts.get().rootKey(), user)) {
      String sleep = "sleep 600." + Math.abs(new java.util.Random().nextInt());
      try (HostGroup group = connect(login, host.address())) {
        Host h = group.host(host.address());
        List<String> lines = new java.util.ArrayList<>();
        assertThatThrownBy(() -> h.run("echo started; " + sleep + " & " + sleep + "; echo never", lines::add, Duration.ofSeconds(5)))
            .isInstanceOf(CommandTimedOutException.class)
            .hasMessage("a command on " + host.address() + " did not finish within 5 s and was stopped");
        assertThat(lines).as(login.user()).containsExactly("started");
        assertThat(host.processes()).as(login.user()).noneMatch(p -> p.contains(sleep));
        assertThat(h.capture("echo still connected", LineSink.DISCARD).text()).isEqualTo("still connected\n");
      }
    }
  }

  /** A limit shorter than starting sudo and a shell: the command is still found and stopped once it starts. */
  @Test
  void aCommandWhoseLimitPassesBeforeItStartsIsStoppedToo() throws Exception {
    TestHost host = hosts.get().host(1);
    String sleep = "sleep 600." + Math.abs(new java.util.Random().nextInt());
    try (HostGroup group = connect(new SshCredentials(TestHosts.USER, TestHosts.USER_PASSWORD, null, null), host.address())) {
      assertThatThrownBy(() -> group.host(host.address()).run(sleep + " & " + sleep, LineSink.DISCARD, Duration.ofMillis(1)))
          .isInstanceOf(CommandTimedOutException.class)
          .hasMessage("a command on " + host.address() + " did not finish within 1 ms and was stopped");
    }
    assertThat(host.processes()).noneMatch(p -> p.contains(sleep));
  }

  @Test
  void aLocalCommandOverItsTimeLimitIsStoppedWithEverythingItStarted() throws Exception {
    HostAddress self = new HostAddress("127.0.0.1", 1);
    String sleep = "sleep 600." + Math.abs(new java.util.Random().nextInt());
    try (HostGroup group = connect(hosts.get().rootKey(), self)) {
      assertThatThrownBy(() -> group.host(self).run(sleep + " & " + sleep, LineSink.DISCARD, Duration.ofSeconds(2)))
          .isInstanceOf(CommandTimedOutException.class)
          .hasMessage("a command on " + self + " did not finish within 2 s and was stopped");
    }
    assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
        .noneMatch(line -> line.contains(sleep));
  }

  @Test
  void aLocalAddressRunsOnThisMachineWithoutSsh() throws Exception {
    HostAddress self = new HostAddress("127.0.0.1", 1);
    Path target = local.resolve("copied");
    try (HostGroup group = connect(hosts.get().rootKey(), self)) {
      Host host = group.host(self);
      assertThat(host.capture("echo $$ >/dev/null; echo local", LineSink.DISCARD).text()).isEqualTo("local\n");
      try (FileTransfer transfer = host.transfer()) {
        transfer.file("x".getBytes(), target.toString(), 0600);
        transfer.commit();
      }
    }
    assertThat(Files.readString(target)).isEqualTo("x");
  }
}
