package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.distribution.FaultProxy;
import io.kubefile.distribution.ProgressListener;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.distribution.RetryPolicy;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import io.kubefile.store.ImageStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ADD https://...} downloads with the build's registry client: its retries, TLS and stall settings. */
class AddUrlTest {
  @TempDir Path tmp;

  @Test
  void aDownloadIsRetriedWithTheConfiguredPolicyAndEachRetryIsShown() throws Exception {
    byte[] content = "downloaded by ADD\n".getBytes(StandardCharsets.UTF_8);
    Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER, Digest.sha256(content), content.length);
    try (RegistryServer registry = RegistryServer.startPlain(Files.createDirectories(tmp.resolve("registry")));
        FaultProxy proxy = new FaultProxy(registry.host())) {
      RegistryClient.builder().build().pushBlob(new io.kubefile.distribution.Repository(registry.host(), "files/app"),
          blob, io.kubefile.distribution.BlobSource.of(content));
      String url = "http://" + proxy.host() + "/v2/files/app/blobs/" + blob.digest();
      proxy.answer("GET", "/blobs/", 1, 503, Map.of());
      List<String> retries = new CopyOnWriteArrayList<>();
      RegistryClient client = RegistryClient.builder()
          .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)))
          .progressListener(new ProgressListener() {
            @Override
            public void retrying(String message) {
              retries.add(message);
            }
          })
          .build();
      Path context = TestContexts.withKubefile(Files.createDirectories(tmp.resolve("ctx")),
          "FROM scratch\nADD --checksum=" + blob.digest() + " " + url + " /etc/app.conf\n");

      BuildResult result = KubefileBuilder.forContext(context).store(ImageStore.open(tmp.resolve("store")))
          .downloads(client).build();

      assertThat(result.imageId()).isNotNull();
      assertThat(retries).containsExactly("GET " + url + " failed (HTTP 503); retrying in 0.01 s (attempt 2 of 2)");

      proxy.answer("GET", "/blobs/", 2, 503, Map.of());
      assertThatThrownBy(() -> KubefileBuilder.forContext(context).store(ImageStore.open(tmp.resolve("store2")))
              .downloads(client).build())
          .hasMessageContaining("cannot download " + url + ": HTTP 503");
    }
  }
}
