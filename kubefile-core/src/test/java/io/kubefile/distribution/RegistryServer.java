package io.kubefile.distribution;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real {@code docker-registry} (Debian's distribution v2.8) on a free loopback port: a registry to
 * push to and pull from, or a {@code registry/} directory written by a save, served as the cluster
 * serves it (filesystem driver, upload purging off, like upstream's save-time registry). Tests are
 * skipped when the binary is not installed. Public (in the test-jar) for the tests of kubefile-cli.
 */
public final class RegistryServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final int port;
  private final Path log;

  private RegistryServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Skips the calling test unless {@code docker-registry} is installed. */
  public static void assumeInstalled() {
    assumeTrue(Files.isExecutable(BINARY), "docker-registry is not installed");
  }

  /** Starts a registry storing under {@code dir}; {@code extraConfig} is appended YAML (auth, tls). */
  public static RegistryServer start(Path dir, String httpExtra, String extraConfig) throws IOException {
    return start(dir, dir.resolve("data"), httpExtra, extraConfig);
  }

  /**
   * A plain registry serving {@code storageRoot} as its storage root directory, e.g. a build
   * context's {@code registry/} as the cluster serves it; config and log go to {@code dir} (created
   * if absent), under names of their own, so one directory can hold several registries.
   */
  public static RegistryServer serve(Path storageRoot, Path dir) throws IOException {
    return start(dir, storageRoot, "", "");
  }

  private static RegistryServer start(Path dir, Path storageRoot, String httpExtra, String extraConfig)
      throws IOException {
    assumeInstalled();
    Files.createDirectories(dir);
    int port = freePort();
    Path config = Files.createTempFile(dir, "registry-", ".yml");
    Files.writeString(config, String.join("\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + storageRoot.toAbsolutePath(),
        "  delete:",
        "    enabled: true",
        "  maintenance:",
        "    uploadpurging:",
        "      enabled: false",
        "http:",
        "  addr: 127.0.0.1:" + port,
        "  secret: test-secret",
        httpExtra,
        extraConfig,
        ""));
    Path log = Files.createTempFile(dir, "registry-", ".log");
    Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    RegistryServer server = new RegistryServer(process, port, log);
    server.awaitListening();
    return server;
  }

  /** A registry that allows anonymous pull and push. */
  public static RegistryServer startPlain(Path dir) throws IOException {
    return start(dir, "", "");
  }

  /** A registry that requires {@code user}/{@code password} (htpasswd Basic authentication). */
  public static RegistryServer startWithBasicAuth(Path dir, String user, String password)
      throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd is not installed");
    Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", user, password).start();
    byte[] line = htpasswd.getInputStream().readAllBytes();
    if (htpasswd.waitFor() != 0) {
      throw new IOException("htpasswd failed");
    }
    Path file = dir.resolve("htpasswd");
    Files.write(file, line);
    return start(dir, "", String.join("\n", "auth:", "  htpasswd:", "    realm: test", "    path: " + file));
  }

  public static int freePort() throws IOException {
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

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:PORT}, the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
