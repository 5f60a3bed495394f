package io.kubefile.ssh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Real hosts for tests of {@code run}: Linux network namespaces on a bridge, in a /24 of
 * 10.231.0.0/16 that no interface of this machine uses, each running Debian's {@code sshd} in its
 * own mount and UTS namespace, so it has its own hostname, {@code /var/lib/sealos}, {@code /etc/hosts},
 * {@code /root}, {@code /home}, {@code /tmp} and {@code /var/tmp} (bound from a per-host directory
 * under {@code /var/lib/kubefile-testhosts}) and its own users: root (key login) and {@code kf}
 * (password {@value #USER_PASSWORD}, sudo with password).
 *
 * <p>Needs root and {@code ip netns}; tests are skipped (with the reason) otherwise. Everything is
 * removed by {@link #close()}: processes in the namespaces killed by PID, namespaces, bridge and
 * directories deleted. Leftovers of killed test runs (their owner PID is dead) are removed first.
 * The tests of a class share hosts through a {@link ClassFixture}; a single test starts its own in
 * try-with-resources. Public (in the test-jar) for kubefile-cli's tests.
 */
public final class TestHosts implements AutoCloseable {
  public static final String USER = "kf";
  public static final String USER_PASSWORD = "kf-secret";
  static final Path BASE = Path.of("/var/lib/kubefile-testhosts");
  /**
   * The connect limit of every test that is not about connect limits. Generous, because the first
   * connection of a JVM pays for loading MINA and its crypto, which takes seconds when the machine
   * running the tests is busy; a host that is down refuses at once whatever the limit, so no test
   * waits for it.
   */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final String PREFIX = "kfth";

  private final String id;
  private final String bridge;
  private final String subnet;
  private final Path dir;
  private final List<TestHost> hosts = new ArrayList<>();

  private TestHosts(String id, String subnet) {
    this.id = id;
    this.bridge = PREFIX + id + "br";
    this.subnet = subnet;
    this.dir = BASE.resolve(id);
  }

  /** Skips the calling test unless this process can make network namespaces and run sshd. */
  public static void assumeAvailable() {
    assumeTrue("root".equals(System.getProperty("user.name")), "real-host tests need root (network namespaces)");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "openssh-server is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "openssh-client is not installed");
    assumeTrue(run(false, "ip", "netns", "list") == 0, "ip netns is not usable here");
  }

  /** Starts {@code count} hosts at {@code .2}, {@code .3}, …, each with sshd listening on port 22. */
  public static TestHosts start(int count) throws IOException {
    assumeAvailable();
    removeStale();
    Random random = new Random();
    String id = Integer.toHexString(0x100 + random.nextInt(0xeff));
    String subnet = freeSubnet(random);
    TestHosts set = new TestHosts(id, subnet);
    try {
      set.create(count);
      return set;
    } catch (IOException | RuntimeException e) {
      set.close();
      throw e;
    }
  }

  private void create(int count) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
    Files.writeString(dir.resolve("bridge"), bridge);
    check("ip", "link", "add", bridge, "type", "bridge");
    check("ip", "addr", "add", subnet + ".1/24", "dev", bridge);
    check("ip", "link", "set", bridge, "up");
    Path clientKey = dir.resolve("client_key");
    check("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "kubefile-test", "-f", clientKey.toString());
    String shadowHash = output("openssl", "passwd", "-6", USER_PASSWORD).strip();
    for (int i = 0; i < count; i++) {
      TestHost host = new TestHost(this, i, subnet + "." + (i + 2), PREFIX + id + "-" + i, dir.resolve("h" + i));
      host.prepare(Files.readString(clientKey.resolveSibling("client_key.pub")), shadowHash);
      hosts.add(host);
    }
    for (TestHost host : hosts) {
      host.start();
    }
    for (TestHost host : hosts) {
      host.awaitSsh();
    }
  }

  public TestHost host(int index) {
    return hosts.get(index);
  }

  public List<TestHost> hosts() {
    return hosts;
  }

  /** The private key root logs in with (ECDSA, OpenSSH format, no passphrase). */
  public Path clientKey() {
    return dir.resolve("client_key");
  }

  /** A directory for the test's own files (known_hosts, keys), removed with the hosts. */
  public Path scratch() throws IOException {
    return Files.createDirectories(dir.resolve("scratch"));
  }

  /** Credentials of root with the generated key. */
  public SshCredentials rootKey() {
    return new SshCredentials("root", null, clientKey(), null);
  }

  /** The bridge's address: this machine as the hosts see it. */
  public String gateway() {
    return subnet + ".1";
  }

  @Override
  public void close() {
    for (TestHost host : hosts) {
      host.destroy();
    }
    run(false, "ip", "link", "del", bridge);
    deleteTree(dir);
  }

  /** Removes namespaces, bridges and directories of test runs whose process is gone. */
  private static void removeStale() throws IOException {
    if (!Files.isDirectory(BASE)) {
      return;
    }
    try (Stream<Path> runs = Files.list(BASE)) {
      for (Path run : runs.toList()) {
        Path owner = run.resolve("owner.pid");
        boolean alive = Files.exists(owner) && ProcessHandle.of(Long.parseLong(Files.readString(owner).strip()))
            .map(ProcessHandle::isAlive).orElse(false);
        if (alive) {
          continue;
        }
        String prefix = PREFIX + run.getFileName() + "-";
        for (String line : output("ip", "netns", "list").split("\n")) {
          String name = line.split(" ")[0];
          if (name.startsWith(prefix)) {
            killAll(name);
            run(false, "ip", "netns", "del", name);
          }
        }
        run(false, "ip", "link", "del", PREFIX + run.getFileName() + "br");
        deleteTree(run);
      }
    }
  }

  private static String freeSubnet(Random random) {
    String used = output("ip", "-4", "addr");
    for (int attempt = 0; attempt < 50; attempt++) {
      String subnet = "10.231." + (1 + random.nextInt(250));
      if (!used.contains(" " + subnet + ".")) {
        return subnet;
      }
    }
    throw new IllegalStateException("no free 10.231.x.0/24 subnet");
  }

  static void killAll(String namespace) {
    for (String pid : output("ip", "netns", "pids", namespace).split("\\s+")) {
      if (!pid.isBlank()) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    Instant deadline = Instant.now().plusSeconds(5);
    while (!output("ip", "netns", "pids", namespace).isBlank() && Instant.now().isBefore(deadline)) {
      sleep(50);
    }
  }

  public static void check(String... command) {
    if (run(true, command) != 0) {
      throw new IllegalStateException("failed: " + String.join(" ", command));
    }
  }

  static int run(boolean inheritErrors, String... command) {
    try {
      Process process = new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(inheritErrors ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD)
          .start();
      return process.waitFor();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public static String output(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code address:port} accepts TCP connections. */
  static boolean awaitPort(String address, int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), 200);
        return true;
      } catch (IOException e) {
        sleep(50);
      }
    }
    return false;
  }
}
