package io.kubefile.ssh;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Connection settings shared by every host of a run.
 *
 * @param knownHosts the {@code known_hosts} file checked and extended (normally ~/.ssh/known_hosts)
 * @param skipHostKeyCheck accept any host key and record nothing (the explicit, unsafe opt-out)
 * @param connectTimeout how long one TCP connect plus handshake and login may take
 * @param connectAttempts attempts per host when the connection is reset during the handshake (R34)
 * @param parallelism how many hosts are worked on at the same time
 */
public record SshOptions(
    Path knownHosts,
    boolean skipHostKeyCheck,
    Duration connectTimeout,
    int connectAttempts,
    int parallelism) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_ATTEMPTS = 5;
  public static final int DEFAULT_PARALLELISM = 16;

  public static SshOptions defaults(Path home) {
    return new SshOptions(home.resolve(".ssh/known_hosts"), false, DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_ATTEMPTS, DEFAULT_PARALLELISM);
  }

  public SshOptions withSkipHostKeyCheck(boolean skip) {
    return new SshOptions(knownHosts, skip, connectTimeout, connectAttempts, parallelism);
  }

  public SshOptions withKnownHosts(Path file) {
    return new SshOptions(file, skipHostKeyCheck, connectTimeout, connectAttempts, parallelism);
  }

  public SshOptions withConnectTimeout(Duration timeout) {
    return new SshOptions(knownHosts, skipHostKeyCheck, timeout, connectAttempts, parallelism);
  }
}
