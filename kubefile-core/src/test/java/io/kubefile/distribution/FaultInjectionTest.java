package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.RawManifest;
import io.kubefile.ssh.ClassFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A proxy between client and registry breaks things; the client retries, resumes, or says why. */
@org.junit.jupiter.api.Tag("reliability")
class FaultInjectionTest {
  @TempDir static Path serverDir;
  @TempDir Path work;
  // The registry first: the proxy forwards to it, and is closed before it.
  @RegisterExtension @Order(1) static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.start(serverDir, "", ""));
  @RegisterExtension @Order(2) static final ClassFixture<FaultProxy> proxy =
      ClassFixture.of(() -> new FaultProxy(registry.get().host()));
  static byte[] content;
  static Descriptor blob;
  static TestImage image;

  private final RegistryClient client = RegistryClient.builder()
      .retryPolicy(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofSeconds(2)))
      .build();

  @BeforeAll
  static void start() throws Exception {
    content = new byte[300_000];
    new Random(11).nextBytes(content);
    blob = Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(content), content.length);
    RegistryClient direct = RegistryClient.builder().build();
    direct.pushBlob(new Repository(registry.get().host(), "faults/app"), blob, BlobSource.of(content));
    image = TestImage.create(12, 1000);
    image.push(direct, new Repository(registry.get().host(), "faults/app"), "v1");
  }

  @BeforeEach
  void clearLog() {
    proxy.get().clearLog();
  }

  private static List<FaultProxy.Exchange> manifestExchanges() {
    return proxy.get().exchanges().stream().filter(e -> e.target().contains("/manifests/")).toList();
  }

  private Repository viaProxy() {
    return new Repository(proxy.get().host(), "faults/app");
  }

  @Test
  void aDownloadCutOffMidBlobResumesFromWhereItStopped() throws Exception {
    proxy.get().dropAfter("GET", "/blobs/" + blob.digest(), 1, 150_000);
    Path target = work.resolve("blob");

    client.fetchBlob(viaProxy(), blob, target);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    List<FaultProxy.Exchange> gets = proxy.get().exchanges().stream()
        .filter(e -> e.method().equals("GET") && e.target().contains("/blobs/")).toList();
    assertThat(gets).hasSize(2);
    assertThat(gets.get(0).range()).isNull();
    assertThat(gets.get(1).range()).matches("bytes=[1-9][0-9]*-");
    assertThat(gets.get(1).status()).isEqualTo(206);
  }

  @Test
  void aFlippedByteIsADigestMismatchAndLeavesNothingAtTheTarget() throws Exception {
    proxy.get().flipByte("GET", "/blobs/" + blob.digest(), 1, 1234);
    Path target = work.resolve("blob");

    assertThatThrownBy(() -> client.fetchBlob(viaProxy(), blob, target))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("digest mismatch")
        .hasMessageContaining("expected " + blob.digest());
    assertThat(target).doesNotExist();
    assertThat(Files.list(work)).isEmpty();
  }

  @Test
  void serverErrorsAreRetried() throws Exception {
    proxy.get().answer("GET", "/manifests/v1", 2, 500, Map.of());

    RawManifest manifest = client.getManifest(ImageReference.parse(proxy.get().host() + "/faults/app:v1"));

    assertThat(manifest.digest()).isEqualTo(image.manifestDigest());
    assertThat(manifestExchanges()).extracting(FaultProxy.Exchange::status).containsExactly(500, 500, 200);
  }

  @Test
  void tooManyRequestsWaitsAsLongAsRetryAfterSays() throws Exception {
    proxy.get().answer("GET", "/manifests/v1", 1, 429, Map.of("Retry-After", "1"));
    List<String> retries = new CopyOnWriteArrayList<>();
    RegistryClient listening = RegistryClient.builder()
        .retryPolicy(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofSeconds(2)))
        .progressListener(new ProgressListener() {
          @Override
          public void retrying(String message) {
            retries.add(message);
          }
        })
        .build();

    listening.getManifest(ImageReference.parse(proxy.get().host() + "/faults/app:v1"));

    // The wait announced is the one the client then sleeps: the server's 1 s, not the policy's 10 ms.
    assertThat(retries).containsExactly(proxy.get().host() + ": GET /v2/faults/app/manifests/v1 failed (HTTP 429);"
        + " retrying in 1 s (attempt 2 of 4)");
    assertThat(manifestExchanges()).extracting(FaultProxy.Exchange::status).containsExactly(429, 200);
  }

  @Test
  void persistentServerErrorsEndInAClearError() throws Exception {
    proxy.get().answer("GET", "/manifests/v1", 4, 503, Map.of()); // as many as the client tries

    assertThatThrownBy(() -> client.getManifest(ImageReference.parse(proxy.get().host() + "/faults/app:v1")))
        .isInstanceOf(RegistryException.class)
        .hasMessage(proxy.get().host() + " answered HTTP 503 to GET /v2/faults/app/manifests/v1")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(RegistryException.Reason.SERVER_ERROR);
    assertThat(manifestExchanges()).hasSize(4);
  }

  @Test
  void anUploadThatFailsMidSessionStartsOverWithANewSession() throws Exception {
    byte[] data = "upload me".getBytes();
    Descriptor fresh = Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(data), data.length);
    proxy.get().answer("PUT", "/blobs/uploads/", 1, 500, Map.of());

    assertThat(client.pushBlob(viaProxy(), fresh, BlobSource.of(data))).isEqualTo(PushResult.UPLOADED);

    assertThat(proxy.get().exchanges()).filteredOn(e -> e.method().equals("POST")).hasSize(2);
    assertThat(client.blobExists(new Repository(registry.get().host(), "faults/app"), fresh.digest())).isTrue();
  }

  private final List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A client that gives up on a silent body after half a second, and records every retry it announces. */
  private RegistryClient impatientClient() {
    return RegistryClient.builder()
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)))
        .stallTimeout(Duration.ofMillis(500))
        .progressListener(new ProgressListener() {
          @Override
          public void retrying(String message) {
            retries.add(message);
          }
        })
        .build();
  }

  @Test
  void aBodyThatStallsIsResumedWithRangeLikeADroppedConnection() throws Exception {
    proxy.get().stallAfter("GET", "/blobs/" + blob.digest(), 1, 150_000);
    Path target = work.resolve("blob");

    impatientClient().fetchBlob(viaProxy(), blob, target);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    List<FaultProxy.Exchange> gets = proxy.get().blobDownloads();
    assertThat(gets).hasSize(2);
    assertThat(gets.get(1).range()).isEqualTo("bytes=150000-");
    assertThat(retries).containsExactly(proxy.get().host() + "/faults/app: blob " + blob.digest().shortHex()
        + " failed (no data received for 0.5 s after 150000 bytes); retrying in 0.01 s (attempt 2 of 3)");
  }

  @Test
  void aBodyThatKeepsStallingEndsInAClearError() {
    proxy.get().stallAfter("GET", "/blobs/" + blob.digest(), 3, 1000);

    assertThatThrownBy(() -> impatientClient().fetchBlob(viaProxy(), blob, work.resolve("blob")))
        .isInstanceOf(RegistryException.class)
        .hasMessage("downloading blob " + blob.digest() + " from " + proxy.get().host() + "/faults/app failed after 3 attempts:"
            + " no data received for 0.5 s after 3000 bytes"); // each attempt resumed where the last stalled
    assertThat(retries).hasSize(2);
  }

  @Test
  void aLoopbackRegistryAnsweringHttp500IsReportedWithTheServersAnswerNotATlsError() {
    proxy.get().answer("GET", "/v2/", 100, 500, Map.of(), "database is locked\n");
    try {
      assertThatThrownBy(() -> impatientClient().getManifest(ImageReference.parse(proxy.get().host() + "/faults/app:v1")))
          .isInstanceOf(RegistryException.class)
          .hasMessage(proxy.get().host() + " answered HTTP 500 to GET /v2/faults/app/manifests/v1: database is locked")
          .extracting(e -> ((RegistryException) e).reason())
          .isEqualTo(RegistryException.Reason.SERVER_ERROR);
      // Every retry was announced: twice for the /v2/ probe, twice for the manifest.
      assertThat(retries).hasSize(4).allMatch(r -> r.contains("failed (HTTP 500)"));
    } finally {
      proxy.get().clearFaults();
    }
  }
}
