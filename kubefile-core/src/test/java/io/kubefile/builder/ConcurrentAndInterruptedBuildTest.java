package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Platform;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import io.kubefile.store.PruneReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds share one store safely: at the same time from threads and from other JVMs, and when a
 * build is killed halfway its leftovers are invisible to readers and removed by prune.
 */
@org.junit.jupiter.api.Tag("reliability")
class ConcurrentAndInterruptedBuildTest {
  @TempDir Path tmp;
  private Path storeDir;

  @BeforeEach
  void requireSkopeo() {
    External.assumeInstalled("skopeo");
    storeDir = tmp.resolve("store");
  }

  @Test
  void two_threads_build_into_one_store_and_both_images_are_valid() throws Exception {
    Path one = TestContexts.simple(tmp.resolve("ctx1"));
    Path two = TestContexts.withKubefile(tmp.resolve("ctx2"), "FROM scratch\nCOPY . /two\n");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<BuildResult> a = threads.submit(() -> buildInProcess(one, "docker.io/test/thread:a"));
      Future<BuildResult> b = threads.submit(() -> buildInProcess(two, "docker.io/test/thread:b"));
      a.get(120, TimeUnit.SECONDS);
      b.get(120, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
    assertValidImages("docker.io/test/thread:a", "docker.io/test/thread:b");
  }

  @Test
  void two_processes_build_into_one_store_and_both_images_are_valid() throws Exception {
    Path one = TestContexts.simple(tmp.resolve("ctx1"));
    Path two = TestContexts.withKubefile(tmp.resolve("ctx2"), "FROM scratch\nCOPY . /two\n");
    Process a = startBuild(one, "docker.io/test/process:a");
    Process b = startBuild(two, "docker.io/test/process:b");
    for (Process p : List.of(a, b)) {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
    }
    assertValidImages("docker.io/test/process:a", "docker.io/test/process:b");
  }

  @Test
  void a_build_killed_while_writing_a_layer_leaves_a_valid_store_that_prune_cleans() throws Exception {
    buildInProcess(TestContexts.simple(tmp.resolve("small")), "docker.io/test/earlier:v1");
    Path big = TestContexts.withKubefile(tmp.resolve("big"), "FROM scratch\nCOPY big.bin /\n");
    writeRandom(big.resolve("big.bin"), 200L << 20);

    Process dying = startBuild(big, "docker.io/test/killed:v1");
    try (BufferedReader out = new BufferedReader(new InputStreamReader(dying.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).startsWith("step: FROM ");
      assertThat(out.readLine()).isEqualTo("step: COPY big.bin /");
      waitForLayerBytes(dying);
      dying.destroyForcibly();
      assertThat(dying.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    ImageStore store = ImageStore.open(storeDir);
    assertThat(store.list()).extracting(i -> i.name()).containsExactly("docker.io/test/earlier:v1");
    assertValidImages("docker.io/test/earlier:v1");
    assertThat(filesUnder(storeDir.resolve(".tmp"))).as("the killed build's leftovers").isNotEmpty();

    buildInProcess(TestContexts.simple(tmp.resolve("after")), "docker.io/test/after:v1");
    assertValidImages("docker.io/test/earlier:v1", "docker.io/test/after:v1");

    PruneReport report = store.prune();
    assertThat(report.removedTempFiles()).isPositive();
    assertThat(filesUnder(storeDir.resolve(".tmp"))).isEmpty();
    assertValidImages("docker.io/test/earlier:v1", "docker.io/test/after:v1");
  }

  // ------------------------------------------------------------------ helpers

  private BuildResult buildInProcess(Path context, String name) throws Exception {
    return KubefileBuilder.forContext(context).store(ImageStore.open(storeDir))
        .platform(Platform.parse("linux/amd64")).tag(name).build();
  }

  private Process startBuild(Path context, String name) throws Exception {
    return new ProcessBuilder(External.javaCommand(BuildProcess.class, storeDir.toString(),
        context.toString(), name)).redirectErrorStream(true).start();
  }

  private void assertValidImages(String... names) throws Exception {
    for (String name : names) {
      assertThat(External.run("skopeo", "inspect", "--raw", "oci:" + storeDir + ":" + name))
          .contains("application/vnd.oci.image.manifest.v1+json");
    }
  }

  /** Waits until the child has put some of the big layer into the store's temp area. */
  private void waitForLayerBytes(Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && child.isAlive()) {
      long bytes = 0;
      for (Path p : filesUnder(storeDir.resolve(".tmp"))) {
        bytes += Files.size(p);
      }
      if (bytes > (1L << 20)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the build wrote no layer bytes (alive: " + child.isAlive() + ")");
  }

  /** Files with data below {@code dir}; the temp area's session lock files hold none. */
  private static List<Path> filesUnder(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".lock")).toList();
    }
  }

  private static void writeRandom(Path file, long size) throws Exception {
    byte[] chunk = new byte[1 << 20];
    new Random(42).nextBytes(chunk);
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      for (long written = 0; written < size; written += chunk.length) {
        chunk[0]++; // so chunks differ and nothing downstream can dedupe them
        out.write(chunk);
      }
    }
  }
}
