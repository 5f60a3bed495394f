package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.KubefileException;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import io.kubefile.ssh.ClassFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random faults between the client and a real registry: flipped bytes, cut and stalled
 * bodies, HTTP 500 and 429, and a registry that persistently serves other bytes than the digest says.
 * Every download ends either with exactly the blob, or with a clear error and nothing at the target
 * (no partial file beside it either). A failing trial names its seed and fault.
 */
@Tag("reliability")
class RandomFaultTrialsTest {
  static final long SEED = 20261202L;
  static final int TRIALS = 30;
  private static final int ATTEMPTS = 3;

  @TempDir static Path serverDir;
  @TempDir Path work;
  // The registry first: the proxy forwards to it, and is closed before it.
  @RegisterExtension @Order(1) static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.start(serverDir, "", ""));
  @RegisterExtension @Order(2) static final ClassFixture<FaultProxy> proxy =
      ClassFixture.of(() -> new FaultProxy(registry.get().host()));
  static byte[] content;
  static Descriptor blob;

  @BeforeAll
  static void start() throws Exception {
    content = new byte[200_000];
    new Random(SEED).nextBytes(content);
    blob = Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(content), content.length);
    RegistryClient.builder().build()
        .pushBlob(new Repository(registry.get().host(), "trials/app"), blob, BlobSource.of(content));
  }

  enum Fault { FLIP, CUT, STALL, HTTP_500, HTTP_429, WRONG_CONTENT }

  @Test
  void everyDownloadEndsWithTheBlobOrAClearErrorAndNothingHalfWritten() throws Exception {
    Random random = new Random(SEED);
    RegistryClient client = RegistryClient.builder()
        .retryPolicy(new RetryPolicy(ATTEMPTS, Duration.ofMillis(10), Duration.ofMillis(50)))
        .stallTimeout(Duration.ofMillis(300))
        .build();
    Repository viaProxy = new Repository(proxy.get().host(), "trials/app");
    String path = "/blobs/" + blob.digest();
    List<String> outcomes = new ArrayList<>();
    int succeeded = 0;
    int refused = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      proxy.get().clearFaults();
      Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
      int times = 1 + random.nextInt(ATTEMPTS + 1); // sometimes more than the client tries
      long offset = random.nextInt(content.length);
      switch (fault) {
        case FLIP -> proxy.get().flipByte("GET", path, times, offset);
        case CUT -> proxy.get().dropAfter("GET", path, times, offset);
        case STALL -> proxy.get().stallAfter("GET", path, times, offset);
        case HTTP_500 -> proxy.get().answer("GET", path, times, 500, Map.of());
        case HTTP_429 -> proxy.get().answer("GET", path, times, 429, Map.of("Retry-After", "0"));
        case WRONG_CONTENT -> proxy.get().flipByte("GET", path, 1000, offset);
      }
      String what = "trial " + trial + " (seed " + SEED + "): " + fault + " x" + times + " at " + offset;
      Path dir = Files.createDirectories(work.resolve("t" + trial));
      Path target = dir.resolve("blob");
      try {
        client.fetchBlob(viaProxy, blob, target);
        assertThat(Files.readAllBytes(target)).as(what).isEqualTo(content);
        assertThat(fault).as(what + " cannot succeed").isNotIn(Fault.FLIP, Fault.WRONG_CONTENT);
        succeeded++;
        outcomes.add(what + ": downloaded");
      } catch (KubefileException e) {
        assertThat(e.getMessage()).as(what).isNotBlank().doesNotContain("Exception");
        assertThat(target).as(what).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
          assertThat(left).as(what + ": nothing half-written").isEmpty();
        }
        boolean persistent = fault == Fault.FLIP || fault == Fault.WRONG_CONTENT || times >= ATTEMPTS;
        assertThat(persistent).as(what + " should have been survived: " + e.getMessage()).isTrue();
        refused++;
        outcomes.add(what + ": " + e.getMessage());
      }
    }
    proxy.get().clearFaults();
    System.out.println("reliability-count: fault-proxy trials=" + TRIALS + " faults=" + TRIALS
        + " failures=0 (" + succeeded + " survived, " + refused + " refused with a clear error)");
    assertThat(succeeded + refused).isEqualTo(TRIALS);
  }
}
