package io.kubefile.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.image.PlatformSelector;
import io.kubefile.image.RawManifest;
import io.kubefile.save.Skopeo;
import io.kubefile.ssh.ClassFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Against a registry without authentication, over plain HTTP on loopback. */
class PlainRegistryTest {
  @TempDir static Path serverDir;
  @TempDir Path work;
  // The registry first: the proxy forwards to it, and is closed before it.
  @RegisterExtension @Order(1) static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.start(serverDir, "", ""));
  @RegisterExtension @Order(2) static final ClassFixture<FaultProxy> proxy =
      ClassFixture.of(() -> new FaultProxy(registry.get().host()));

  private static RegistryClient client() {
    return RegistryClient.builder().build();
  }

  private static Repository repo(String host, String path) {
    return new Repository(host, path);
  }

  @Test
  void anImagePushedIsPulledBackWithTheSameDigests() throws Exception {
    RegistryClient client = client();
    TestImage image = TestImage.create(1, 10_000);
    Repository repository = repo(registry.get().host(), "roundtrip/app");
    image.push(client, repository, "v1");

    RawManifest manifest = client.getManifest(ImageReference.parse(registry.get().host() + "/roundtrip/app:v1"));

    assertThat(manifest.digest()).isEqualTo(image.manifestDigest());
    assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(manifest.bytes()).isEqualTo(image.manifest());
    for (Descriptor blob : manifest.asManifest().layers()) {
      Path target = work.resolve(blob.digest().hex());
      client.fetchBlob(repository, blob, target);
      assertThat(Digest.sha256(Files.readAllBytes(target))).isEqualTo(blob.digest());
    }
    Path config = work.resolve("config");
    client.fetchBlob(repository, manifest.asManifest().config(), config);
    assertThat(Files.readAllBytes(config)).isEqualTo(image.config());
    assertThat(Files.list(work).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
  }

  @Test
  void aManifestFetchedByDigestIsVerifiedAndHeadGivesItsDescriptor() throws Exception {
    RegistryClient client = client();
    TestImage image = TestImage.create(2, 100);
    image.push(client, repo(registry.get().host(), "bydigest/app"), "v1");
    ImageReference byDigest = ImageReference.parse(registry.get().host() + "/bydigest/app@" + image.manifestDigest());

    assertThat(client.getManifest(byDigest).bytes()).isEqualTo(image.manifest());
    assertThat(client.headManifest(ImageReference.parse(registry.get().host() + "/bydigest/app:v1")))
        .contains(Descriptor.of(MediaTypes.OCI_MANIFEST, image.manifestDigest(), image.manifest().length));
    assertThat(client.headManifest(ImageReference.parse(registry.get().host() + "/bydigest/app:absent"))).isEmpty();
  }

  @Test
  void skopeoReadsWhatWasPushed() throws Exception {
    Skopeo.assumeInstalled();
    TestImage image = TestImage.create(3, 1000);
    image.push(client(), repo(registry.get().host(), "skopeo/app"), "v1");

    // Skopeo.run fails the test, with skopeo's output, when skopeo exits non-zero.
    JsonNode inspected = Json.mapper().readTree(
        Skopeo.run(work, "inspect", "--tls-verify=false", "docker://" + registry.get().host() + "/skopeo/app:v1"));
    assertThat(inspected.path("Digest").asText()).isEqualTo(image.manifestDigest().toString());
    assertThat(inspected.path("Layers").get(0).asText()).isEqualTo(image.layer1Descriptor().digest().toString());
    assertThat(inspected.path("Architecture").asText()).isEqualTo("amd64");
  }

  @Test
  void aBlobUploadedInChunksArrivesWhole() throws Exception {
    RegistryClient client = RegistryClient.builder().chunkSize(1000).build();
    byte[] content = new byte[4500];
    new java.util.Random(4).nextBytes(content);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(content), content.length);
    Repository viaProxy = repo(proxy.get().host(), "chunked/app");
    proxy.get().clearLog();

    assertThat(client.pushBlob(viaProxy, blob, BlobSource.of(content), BlobPushOptions.chunkedUpload()))
        .isEqualTo(PushResult.UPLOADED);

    assertThat(proxy.get().exchanges()).filteredOn(e -> e.method().equals("PATCH")).hasSize(5)
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(202));
    Path target = work.resolve("chunked");
    client.fetchBlob(repo(registry.get().host(), "chunked/app"), blob, target);
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
  }

  @Test
  void aBlobKnownInAnotherRepositoryIsMountedNotUploaded() throws Exception {
    RegistryClient client = client();
    byte[] content = "shared layer".getBytes();
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(content), content.length);
    assertThat(client.pushBlob(repo(proxy.get().host(), "mount/source"), blob, BlobSource.of(content)))
        .isEqualTo(PushResult.UPLOADED);
    proxy.get().clearLog();

    PushResult result = client.pushBlob(repo(proxy.get().host(), "mount/target"), blob,
        BlobSource.of(content), BlobPushOptions.mountFrom(repo(proxy.get().host(), "mount/source")));

    assertThat(result).isEqualTo(PushResult.MOUNTED);
    assertThat(proxy.get().exchanges())
        .anySatisfy(e -> {
          assertThat(e.method()).isEqualTo("POST");
          assertThat(e.target()).contains("mount=" + blob.digest()).contains("from=mount%2Fsource");
          assertThat(e.status()).isEqualTo(201);
        })
        .noneMatch(e -> e.method().equals("PUT") || e.method().equals("PATCH"));
    assertThat(client.blobExists(repo(registry.get().host(), "mount/target"), blob.digest())).isTrue();
    assertThat(client.pushBlob(repo(registry.get().host(), "mount/target"), blob, BlobSource.of(content)))
        .isEqualTo(PushResult.ALREADY_EXISTS);
  }

  @Test
  void tagsAndCatalogAreListedAcrossPages() throws Exception {
    RegistryClient client = RegistryClient.builder().pageSize(2).build();
    TestImage image = TestImage.create(5, 100);
    for (String tag : List.of("a", "b", "c", "d", "e")) {
      image.push(client, repo(registry.get().host(), "listing/one"), tag);
    }
    image.push(client, repo(registry.get().host(), "listing/two"), "x");
    image.push(client, repo(registry.get().host(), "listing/three"), "x");

    assertThat(client.listTags(repo(registry.get().host(), "listing/one"))).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    assertThat(client.catalog(registry.get().host())).contains("listing/one", "listing/two", "listing/three");
  }

  @Test
  void missingThingsAreReportedByName() throws Exception {
    RegistryClient client = client();
    TestImage.create(6, 100).push(client, repo(registry.get().host(), "missing/app"), "v1");

    assertThatThrownBy(() -> client.getManifest(ImageReference.parse(registry.get().host() + "/missing/app:nope")))
        .isInstanceOf(RegistryException.class)
        .hasMessage("manifest unknown: " + registry.get().host() + "/missing/app:nope not found")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(RegistryException.Reason.NOT_FOUND);
    Descriptor absent = Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(new byte[] {42}), 1);
    assertThatThrownBy(() -> client.fetchBlob(repo(registry.get().host(), "missing/app"), absent, work.resolve("x")))
        .hasMessage("blob unknown: " + registry.get().host() + "/missing/app@" + absent.digest() + " not found");
    assertThat(Files.exists(work.resolve("x"))).isFalse();
  }

  @Test
  void anIndexIsFetchedAndThePlatformManifestSelected() throws Exception {
    RegistryClient client = client();
    TestImage image = TestImage.create(7, 100);
    Repository repository = repo(registry.get().host(), "multi/app");
    image.push(client, repository, "amd64");
    Descriptor amd64 = Descriptor.of(MediaTypes.OCI_MANIFEST, image.manifestDigest(), image.manifest().length)
        .withPlatform(new Platform("amd64", "linux", null));
    byte[] index = Json.bytes(ImageIndex.oci(List.of(amd64)));
    client.putManifest(ImageReference.parse(repository + ":multi"), index, MediaTypes.OCI_INDEX);

    RawManifest fetched = client.getManifest(ImageReference.parse(repository + ":multi"));

    assertThat(fetched.isIndex()).isTrue();
    assertThat(PlatformSelector.select(fetched.asIndex(), Platform.parse("linux/amd64")).digest())
        .isEqualTo(image.manifestDigest());
    assertThatThrownBy(() -> PlatformSelector.select(fetched.asIndex(), Platform.parse("linux/s390x")))
        .hasMessage("no image for platform linux/s390x in the index (it has linux/amd64)");
  }

  @Test
  void aRefusedConnectionFailsAtOnceWithoutRetriesOrJavaNames() throws Exception {
    int closedPort = RegistryServer.freePort();
    List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();
    RegistryClient client = RegistryClient.builder()
        .retryPolicy(new RetryPolicy(5, java.time.Duration.ofSeconds(4), java.time.Duration.ofSeconds(4)))
        .progressListener(new ProgressListener() {
          @Override
          public void retrying(String message) {
            retries.add(message);
          }
        })
        .build();

    assertThatThrownBy(() -> client.getManifest(ImageReference.parse("127.0.0.1:" + closedPort + "/x/y:1")))
        .isInstanceOf(RegistryException.class)
        .hasMessage("cannot reach 127.0.0.1:" + closedPort + " (GET http://127.0.0.1:" + closedPort + "/v2/): connection refused")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(RegistryException.Reason.CONNECTION);
    // Nothing listens: retrying cannot help, so there is no retry (and no HTTPS attempt after plain HTTP).
    assertThat(retries).isEmpty();
  }
}
