package io.kubefile.registrydir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Debian's {@code docker-registry} (distribution 2.8) serving a {@code registry/} directory on a free loopback
 * port, configured like upstream's save-time registry (filesystem driver, upload purging off).
 */
final class LocalRegistry implements AutoCloseable {
  static final String BINARY = "/usr/bin/docker-registry";
  static final String ACCEPT_ANY_MANIFEST =
      String.join(
          ", ",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.docker.distribution.manifest.v2+json");

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalRegistry(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(Path.of(BINARY)), BINARY + " is not installed");
  }

  static LocalRegistry serve(Path registryDirectory, Path workDirectory) throws IOException, InterruptedException {
    assumeInstalled();
    int port = freePort();
    Path config = workDirectory.resolve("registry-config.yml");
    Files.writeString(
        config,
        """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
          maintenance:
            uploadpurging:
              enabled: false
        http:
          addr: 127.0.0.1:%d
          secret: kubefile-test-only
        """
            .formatted(registryDirectory.toAbsolutePath(), port));
    Path log = workDirectory.resolve("registry.log");
    Process process =
        new ProcessBuilder(BINARY, "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(process, port, log);
    registry.awaitReady();
    return registry;
  }

  private void awaitReady() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited:\n" + Files.readString(log));
      }
      try {
        if (get("/v2/", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("docker-registry did not answer within 15 s:\n" + Files.readString(log));
  }

  /** {@code 127.0.0.1:<port>}. */
  String hostAndPort() {
    return "127.0.0.1:" + port;
  }

  HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + hostAndPort() + path)).timeout(Duration.ofSeconds(10));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> getManifest(String repository, String reference) throws IOException, InterruptedException {
    return get("/v2/" + repository + "/manifests/" + reference, ACCEPT_ANY_MANIFEST);
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
