package io.kubefile.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.Repository;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One 32 MB blob through the registry client from a loopback HTTP server: streaming to disk with
 * the digest check, i.e. the per-blob cost of a pull or registry/ save without the network.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BlobDownloadBenchmark {
  byte[] blob;
  Descriptor descriptor;
  HttpServer server;
  RegistryClient client;
  Repository repository;
  Path dir;

  @Setup
  public void setUp() throws IOException {
    blob = RandomData.bytes(32 * 1024 * 1024, 3);
    Digest digest = Digest.sha256(blob);
    descriptor = Descriptor.of(MediaTypes.OCI_LAYER, digest, blob.length);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/v2/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
      if (path.equals("/v2/")) {
        exchange.sendResponseHeaders(200, -1);
      } else if (path.endsWith("/blobs/" + digest)) {
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, blob.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(blob);
        }
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
      exchange.close();
    });
    server.start();
    repository = Repository.parse("127.0.0.1:" + server.getAddress().getPort() + "/bench/blob");
    client = RegistryClient.builder().build();
    dir = Files.createTempDirectory("kubefile-bench-blob");
  }

  @Benchmark
  public long fetch() throws IOException {
    Path target = dir.resolve("blob");
    Files.deleteIfExists(target);
    client.fetchBlob(repository, descriptor, target);
    return Files.size(target);
  }

  @TearDown
  public void tearDown() throws IOException {
    server.stop(0);
    Files.deleteIfExists(dir.resolve("blob"));
    Files.deleteIfExists(dir);
  }
}
