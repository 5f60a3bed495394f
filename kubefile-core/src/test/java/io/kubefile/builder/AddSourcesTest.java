package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.kubefile.image.Digest;
import io.kubefile.store.ImageStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD downloads http(s) sources (checksum verified) and the build warns about unknown image types. */
class AddSourcesTest {
  @TempDir Path tmp;
  private HttpServer server;
  private final byte[] body = "#!/bin/sh\necho installed\n".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/files/install.sh", exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/files/install.sh";
  }

  @Test
  void addOfAUrlDownloadsIntoTheDestinationDirectoryWithMode0600() throws Exception {
    Path ctx = TestContexts.withKubefile(Files.createDirectories(tmp.resolve("ctx")),
        "FROM scratch\nADD --checksum=" + Digest.sha256(body) + " " + url() + " /opt/\n");
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    KubefileBuilder.forContext(ctx).store(store).tag("test/add:v1").build();
    var entry = layerEntry(store, "docker.io/test/add:v1", "opt/install.sh");
    assertThat(entry.mode() & 07777).isEqualTo(0600);
    assertThat(entry.content()).isEqualTo(body);
  }

  @Test
  void aChecksumMismatchFailsNamingTheUrl() throws Exception {
    Path ctx = TestContexts.withKubefile(Files.createDirectories(tmp.resolve("ctx")),
        "FROM scratch\nADD --checksum=sha256:" + "0".repeat(64) + " " + url() + " /opt/\n");
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    assertThatThrownBy(() -> KubefileBuilder.forContext(ctx).store(store).build())
        .isInstanceOf(BuildException.class)
        .hasMessageStartingWith("Kubefile:2: ADD failed: digest mismatch for " + url());
    assertThat(store.list()).isEmpty();
  }

  @Test
  void anUnknownSealosTypeIsWarnedAbout() throws Exception {
    Path ctx = TestContexts.withKubefile(Files.createDirectories(tmp.resolve("ctx")),
        "FROM scratch\nLABEL sealos.io.type=app\nCOPY manifests manifests\n");
    List<String> warnings = new ArrayList<>();
    KubefileBuilder.forContext(ctx).store(ImageStore.open(tmp.resolve("store"))).warnings(warnings::add).build();
    assertThat(warnings).containsExactly("label sealos.io.type=\"app\" is not one of rootfs, application,"
        + " patch; sealos treats it as an application image");
  }

  record TarFile(int mode, byte[] content) {}

  /** The last version of a file across the image's layers, read from the tars themselves. */
  private static TarFile layerEntry(ImageStore store, String name, String path) throws Exception {
    TarFile found = null;
    for (String digest : OciLayoutImage.open(store.root(), name).layerDigests()) {
      try (var in = Files.newInputStream(store.blobPath(Digest.parse(digest)));
          var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(in)) {
        for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          if (e.getName().equals(path)) {
            found = new TarFile(e.getMode(), tar.readAllBytes());
          }
        }
      }
    }
    assertThat(found).as(path + " in " + name).isNotNull();
    return found;
  }
}
