package io.kubefile.registrydir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.Digest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.registrydir.TestImages.Blob;
import io.kubefile.registrydir.TestImages.Image;
import io.kubefile.registrydir.TestImages.MultiPlatformImage;
import io.kubefile.save.Skopeo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What we write, the real registry serves: Debian's docker-registry (distribution 2.8) started on the written
 * directory answers the catalog, tag lists, manifests by tag and by digest and blobs, and skopeo (containers/
 * image, what upstream itself uses) inspects and copies the images out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryServesWrittenDirectoryTest {
  @TempDir static Path work;

  private final Image nginx = TestImages.dockerImage("nginx", "amd64");
  private final MultiPlatformImage cilium = TestImages.ociIndex("cilium");
  private final Image pinned = TestImages.ociImage("pinned", "amd64");
  private final Image interrupted = TestImages.ociImage("interrupted", "amd64");
  private static final String ACCEPT_ANY_MANIFEST = String.join(", ",
      MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST);

  private RegistryDirectory directory;
  private RegistryServer registry;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void writeImagesAndServeThem() throws Exception {
    RegistryServer.assumeInstalled();
    directory = RegistryDirectory.open(work.resolve("context/registry"));
    directory.tag("library/nginx", "1.25.0", nginx.storeIn(directory, "library/nginx"));
    directory.tag("cilium/cilium", "v1.12.0", cilium.storeIn(directory, "cilium/cilium"));
    pinned.storeIn(directory, "team/pinned");
    pinned.storeIn(directory, "team-pinned");
    simulateAnInterruptedSaveOf(interrupted, "team/interrupted");
    registry = RegistryServer.serve(directory.root(), work);
  }

  /** A killed save: one layer complete, the other's temporary file left behind, no manifest, no link. */
  private void simulateAnInterruptedSaveOf(Image image, String repository) throws IOException {
    directory.putBlob(image.config().descriptor(), new ByteArrayInputStream(image.config().bytes()));
    Blob half = image.layers().get(0);
    Path data = directory.root().resolve(
        "docker/registry/v2/blobs/sha256/" + half.digest().hex().substring(0, 2) + "/" + half.digest().hex() + "/data");
    Files.createDirectories(data.getParent());
    Files.write(data.resolveSibling(".kubefile-data-00000000deadbeef.tmp"), java.util.Arrays.copyOf(half.bytes(), 10));
    assertThatThrownBy(() -> directory.putManifest(repository, image.manifest(), image.mediaType()))
        .isInstanceOf(MissingContentException.class);
  }

  @AfterAll
  void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void theCatalogListsEveryRepositoryWithAManifestInTheSameOrderAsOurReader() throws Exception {
    HttpResponse<byte[]> catalog = get("/v2/_catalog", null);

    assertThat(catalog.statusCode()).isEqualTo(200);
    List<String> served = strings(Json.mapper().readTree(catalog.body()).path("repositories"));
    // team/interrupted appears once its save is completed by another test; order compares path components.
    assertThat(served.stream().filter(r -> !r.equals("team/interrupted")))
        .containsExactly("cilium/cilium", "library/nginx", "team/pinned", "team-pinned");
    assertThat(directory.repositories()).containsExactlyElementsOf(served);
  }

  @Test
  void tagListsAreServed() throws Exception {
    JsonNode tags = Json.mapper().readTree(get("/v2/library/nginx/tags/list", null).body());
    assertThat(tags.path("name").asText()).isEqualTo("library/nginx");
    assertThat(strings(tags.path("tags"))).containsExactly("1.25.0").containsExactlyElementsOf(directory.tags("library/nginx"));
    assertThat(strings(Json.mapper().readTree(get("/v2/cilium/cilium/tags/list", null).body()).path("tags")))
        .containsExactly("v1.12.0");
  }

  @Test
  void aDockerSchema2ManifestIsServedByTagAndByDigestWithItsExactBytes() throws Exception {
    assertServedManifest("library/nginx", "1.25.0", nginx.digest(), MediaTypes.DOCKER_MANIFEST, nginx.manifest());
    assertServedManifest("library/nginx", nginx.digest().toString(), nginx.digest(), MediaTypes.DOCKER_MANIFEST, nginx.manifest());
  }

  @Test
  void anOciIndexIsServedByTagAndItsPlatformManifestsByDigest() throws Exception {
    assertServedManifest("cilium/cilium", "v1.12.0", cilium.digest(), MediaTypes.OCI_INDEX, cilium.index());
    for (Image platform : cilium.platforms()) {
      assertServedManifest("cilium/cilium", platform.digest().toString(), platform.digest(), MediaTypes.OCI_MANIFEST, platform.manifest());
    }
  }

  @Test
  void aDigestOnlyImageIsServedByDigest() throws Exception {
    assertServedManifest("team/pinned", pinned.digest().toString(), pinned.digest(), MediaTypes.OCI_MANIFEST, pinned.manifest());
  }

  private void assertServedManifest(String repository, String reference, Digest digest, String mediaType, byte[] bytes)
      throws Exception {
    HttpResponse<byte[]> response = getManifest(repository, reference);
    assertThat(response.statusCode()).as(repository + " " + reference + "\n" + registry.log()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(bytes);
    assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(digest.toString());
    assertThat(response.headers().firstValue("Content-Type")).contains(mediaType);
  }

  @Test
  void configAndLayerBlobsAreServedThroughTheRepositoriesThatLinkThem() throws Exception {
    List<Blob> blobs = new ArrayList<>(nginx.blobs());
    for (Blob blob : blobs) {
      HttpResponse<byte[]> response = get("/v2/library/nginx/blobs/" + blob.digest(), null);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(blob.bytes());
      assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(blob.digest().toString());
    }
    // Stored once for all repositories, but served only where linked, as with a registry filled by pushes.
    assertThat(get("/v2/cilium/cilium/blobs/" + nginx.layers().get(0).digest(), null).statusCode()).isEqualTo(404);
  }

  @Test
  void anInterruptedSaveIsInvisibleAndCanBeCompletedWhileServing() throws Exception {
    assertThat(getManifest("team/interrupted", interrupted.digest().toString()).statusCode()).isEqualTo(404);

    Digest digest = interrupted.storeIn(directory, "team/interrupted");
    directory.tag("team/interrupted", "v1", digest);

    assertServedManifest("team/interrupted", "v1", digest, MediaTypes.OCI_MANIFEST, interrupted.manifest());
    Blob completed = interrupted.layers().get(0);
    assertThat(get("/v2/team/interrupted/blobs/" + completed.digest(), null).body()).isEqualTo(completed.bytes());
    assertThat(directory.leftoverTemporaryFiles()).hasSize(1);
  }

  @Test
  void skopeoInspectsTheImages() throws Exception {
    Skopeo.assumeInstalled();
    // Skopeo.run fails the test, with skopeo's output, when skopeo exits non-zero.
    JsonNode inspected = Json.mapper().readTree(
        Skopeo.run(work, "inspect", "--tls-verify=false", "docker://" + registry.host() + "/library/nginx:1.25.0"));
    assertThat(inspected.path("Digest").asText()).isEqualTo(nginx.digest().toString());
    assertThat(strings(inspected.path("Layers")))
        .containsExactlyElementsOf(nginx.layers().stream().map(b -> b.digest().toString()).toList());

    String raw = Skopeo.run(work, "inspect", "--raw", "--tls-verify=false", "docker://" + registry.host() + "/cilium/cilium:v1.12.0");
    assertThat(raw).isEqualTo(new String(cilium.index(), java.nio.charset.StandardCharsets.UTF_8));

    JsonNode arm64 = Json.mapper().readTree(
        Skopeo.run(work, "--override-arch", "arm64", "inspect", "--tls-verify=false",
            "docker://" + registry.host() + "/cilium/cilium:v1.12.0"));
    assertThat(arm64.path("Digest").asText()).isEqualTo(cilium.digest().toString());
    assertThat(arm64.path("Architecture").asText()).isEqualTo("arm64");
  }

  @Test
  void skopeoCopiesTheImagesOutIntoAnOciLayout() throws Exception {
    Skopeo.assumeInstalled();
    Path layout = work.resolve("copied-oci");
    Skopeo.run(work, "copy", "--src-tls-verify=false",
        "docker://" + registry.host() + "/library/nginx:1.25.0", "oci:" + layout + ":nginx");
    Skopeo.run(work, "copy", "--all", "--src-tls-verify=false",
        "docker://" + registry.host() + "/cilium/cilium:v1.12.0", "oci:" + layout + ":cilium");

    // Copied without conversion, the index keeps its digest; every platform's layers arrive.
    assertThat(layout.resolve("blobs/sha256/" + cilium.digest().hex())).exists();
    for (Image platform : cilium.platforms()) {
      for (Blob blob : platform.blobs()) {
        assertThat(layout.resolve("blobs/sha256/" + blob.digest().hex())).hasBinaryContent(blob.bytes());
      }
    }
  }

  private HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + registry.host() + path)).timeout(Duration.ofSeconds(10));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> getManifest(String repository, String reference) throws IOException, InterruptedException {
    return get("/v2/" + repository + "/manifests/" + reference, ACCEPT_ANY_MANIFEST);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }

}
