package io.kubefile.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One host of {@link TestHosts}: a network namespace with its own files, running sshd. */
public final class TestHost {
  private final TestHosts owner;
  private final int index;
  private final String ip;
  private final String namespace;
  private final Path dir;
  private Process sshd;
  private String personality;

  TestHost(TestHosts owner, int index, String ip, String namespace, Path dir) {
    this.owner = owner;
    this.index = index;
    this.ip = ip;
    this.namespace = namespace;
    this.dir = dir;
  }

  public String ip() {
    return ip;
  }

  public HostAddress address() {
    return new HostAddress(ip, 22);
  }

  public String hostname() {
    return "host" + index;
  }

  /** Where a path of this host lives on this machine (for the bound directories only). */
  public Path path(String hostPath) {
    for (String[] bind : binds()) {
      String inside = bind[1];
      if (hostPath.equals(inside) || hostPath.startsWith(inside + "/")) {
        return dir.resolve(bind[0] + hostPath.substring(inside.length()));
      }
    }
    throw new IllegalArgumentException(hostPath + " is not a per-host path of the test hosts");
  }

  private static List<String[]> binds() {
    return List.of(
        new String[] {"sealos", "/var/lib/sealos"},
        new String[] {"root", "/root"},
        new String[] {"home", "/home"},
        new String[] {"tmp", "/tmp"},
        new String[] {"vartmp", "/var/tmp"},
        new String[] {"registry", "/var/lib/registry"},
        new String[] {"etc/hosts", "/etc/hosts"},
        new String[] {"etc/passwd", "/etc/passwd"},
        new String[] {"etc/shadow", "/etc/shadow"},
        new String[] {"etc/group", "/etc/group"},
        new String[] {"etc/sudoers", "/etc/sudoers"});
  }

  void prepare(String authorizedKey, String shadowHash) throws IOException {
    for (String sub : List.of("sealos", "root/.ssh", "home/" + TestHosts.USER, "tmp", "vartmp", "registry", "etc")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Files.setPosixFilePermissions(dir.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(dir.resolve("vartmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(dir.resolve("root/.ssh/authorized_keys"), authorizedKey);
    Files.writeString(dir.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n" + ip + "\t" + hostname() + "\n");
    int uid = 4242;
    Files.writeString(dir.resolve("etc/passwd"), Files.readString(Path.of("/etc/passwd"))
        + TestHosts.USER + ":x:" + uid + ":" + uid + "::/home/" + TestHosts.USER + ":/bin/bash\n");
    Files.writeString(dir.resolve("etc/group"), Files.readString(Path.of("/etc/group")) + TestHosts.USER + ":x:" + uid + ":\n");
    Files.writeString(dir.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n" + TestHosts.USER + ":" + shadowHash + ":19000:0:99999:7:::\n");
    Files.setPosixFilePermissions(dir.resolve("etc/shadow"), PosixFilePermissions.fromString("rw-r-----"));
    Files.writeString(dir.resolve("etc/sudoers"), "Defaults env_reset\nroot ALL=(ALL:ALL) ALL\n" + TestHosts.USER + " ALL=(ALL:ALL) ALL\n");
    Files.setPosixFilePermissions(dir.resolve("etc/sudoers"), PosixFilePermissions.fromString("r--r-----"));
    TestHosts.check("chown", "-R", "4242:4242", dir.resolve("home/" + TestHosts.USER).toString());
    newHostKey();
    Files.writeString(dir.resolve("etc/sshd_config"), String.join("\n",
        "ListenAddress " + ip,
        "HostKey " + dir.resolve("etc/ssh_host_ecdsa_key"),
        "PermitRootLogin yes",
        "PasswordAuthentication yes",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "PidFile none",
        "MaxStartups 100",
        "Subsystem sftp /usr/lib/openssh/sftp-server",
        ""));
    TestHosts.check("ip", "netns", "add", namespace);
    String veth = namespace + "v";
    // Interface names are at most 15 characters: the peer is renamed inside the namespace.
    TestHosts.check("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", namespace);
    TestHosts.check("ip", "link", "set", veth, "master", bridgeName(), "up");
    TestHosts.check("ip", "-n", namespace, "addr", "add", ip + "/24", "dev", "eth0");
    TestHosts.check("ip", "-n", namespace, "link", "set", "eth0", "up");
    TestHosts.check("ip", "-n", namespace, "link", "set", "lo", "up");
    Files.createDirectories(Path.of("/var/lib/sealos"));
    // Mount point only: sealos's default registry data directory, replaced on hosts by a symlink (R16).
    Files.createDirectories(Path.of("/var/lib/registry"));
    Files.createDirectories(Path.of("/run/sshd"));
  }

  private String bridgeName() throws IOException {
    return Files.readString(dir.getParent().resolve("bridge")).strip();
  }

  /** Replaces the host key (the next start presents a key known_hosts does not hold). */
  public void newHostKey() throws IOException {
    Files.deleteIfExists(dir.resolve("etc/ssh_host_ecdsa_key"));
    Files.deleteIfExists(dir.resolve("etc/ssh_host_ecdsa_key.pub"));
    TestHosts.check("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", dir.resolve("etc/ssh_host_ecdsa_key").toString());
  }

  /** Starts sshd in its own mount and UTS namespace inside the host's network namespace. */
  public void start() throws IOException {
    StringBuilder script = new StringBuilder("set -e; hostname " + hostname() + "; ");
    for (String[] bind : binds()) {
      script.append("mount --bind ").append(dir.resolve(bind[0])).append(' ').append(bind[1]).append("; ");
    }
    script.append("exec /usr/sbin/sshd -D -e -f ").append(dir.resolve("etc/sshd_config"));
    // ip netns exec, unshare (without --fork) and sh's exec all replace themselves: the started
    // process becomes sshd, so its PID is sshd's.
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "unshare", "--mount", "--uts",
        "--propagation", "private"));
    if (personality != null) {
      command.addAll(List.of("setarch", personality));
    }
    command.addAll(List.of("sh", "-c", script.toString()));
    sshd = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
        .start();
  }

  void awaitSsh() throws IOException {
    if (!TestHosts.awaitPort(ip, 22, Duration.ofSeconds(30))) {
      throw new IllegalStateException("sshd of " + ip + " did not start: " + Files.readString(dir.resolve("sshd.log")));
    }
  }

  /** Stops sshd and everything else running in the host (its address stays: connections are refused). */
  public void stop() {
    TestHosts.killAll(namespace);
    if (sshd != null) {
      sshd.destroyForcibly();
      sshd = null;
    }
  }

  /**
   * Restarts the host with a kernel personality ({@code setarch}; e.g. {@code linux32}, whose
   * {@code uname -m} is {@code i686} on x86_64), or with the machine's own when null.
   */
  public void restartWithPersonality(String value) throws IOException {
    personality = value;
    restart();
  }

  /**
   * Restarts sshd with one more line in its configuration (e.g. {@code MaxSessions 1}), or with the
   * usual configuration when null.
   */
  public void restartWithSshdLine(String line) throws IOException {
    Path config = dir.resolve("etc/sshd_config");
    String usual = Files.readString(config).replaceAll("(?m)^# added by the test\n.*\n", "");
    Files.writeString(config, line == null ? usual : usual + "# added by the test\n" + line + "\n");
    restart();
  }

  /** The host's network namespace, for running a process of the test on it. */
  public String namespace() {
    return namespace;
  }

  /**
   * The command lines of the processes running in the host (in its network namespace: what sshd
   * started there and everything that came of it), to check what a command left behind.
   */
  public List<String> processes() {
    List<String> lines = new ArrayList<>();
    for (String pid : TestHosts.output("ip", "netns", "pids", namespace).split("\\s+")) {
      if (!pid.isBlank()) {
        try {
          lines.add(new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline")), java.nio.charset.StandardCharsets.UTF_8)
              .replace('\0', ' ').strip());
        } catch (IOException gone) {
          // ended since it was listed
        }
      }
    }
    return lines;
  }

  /** The directory on this machine that holds the host's own files (see {@link #path}). */
  public Path directory() {
    return dir;
  }

  public void restart() throws IOException {
    stop();
    start();
    awaitSsh();
  }

  /**
   * Runs a command inside the host's namespaces (as the host's root, seeing its files), for
   * checks that must not go through the code under test.
   */
  public String exec(String command) {
    List<String> args = new ArrayList<>(List.of("nsenter", "--target", Long.toString(sshdPid()), "--net", "--mount", "--uts", "sh", "-c", command));
    return TestHosts.output(args.toArray(String[]::new));
  }

  private long sshdPid() {
    if (sshd == null || !sshd.isAlive()) {
      throw new IllegalStateException("host " + ip + " is stopped");
    }
    return sshd.pid();
  }

  void destroy() {
    stop();
    TestHosts.run(false, "ip", "netns", "del", namespace);
  }

  @Override
  public String toString() {
    return ip;
  }
}
