package io.kubefile.save;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on a free loopback port, storing under a chosen
 * root: a source registry to save from, or a {@code registry/} directory written by a save, served
 * as the cluster would serve it. (The distribution and registrydir tests have their own, package-private
 * variants with a fixed layout.)
 */
final class DockerRegistry implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final int port;
  private final Path log;

  private DockerRegistry(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(BINARY), "docker-registry is not installed");
  }

  /** Serves {@code storageRoot} (created if absent); config and log go to {@code workDirectory}. */
  static DockerRegistry serve(Path storageRoot, Path workDirectory) throws IOException {
    assumeInstalled();
    Files.createDirectories(workDirectory);
    int port = freePort();
    Path config = Files.createTempFile(workDirectory, "registry-", ".yml");
    Files.writeString(config, """
        version: 0.1
        log:
          level: warn
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: %s
          maintenance:
            uploadpurging:
              enabled: false
        http:
          addr: 127.0.0.1:%d
          secret: kubefile-test-only
        """.formatted(storageRoot.toAbsolutePath(), port));
    Path log = Files.createTempFile(workDirectory, "registry-", ".log");
    Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    DockerRegistry registry = new DockerRegistry(process, port, log);
    registry.awaitListening();
    return registry;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitListening() throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("docker-registry exited: " + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
    close();
    throw new IOException("docker-registry did not start listening on port " + port);
  }

  /** {@code 127.0.0.1:PORT}. */
  String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
