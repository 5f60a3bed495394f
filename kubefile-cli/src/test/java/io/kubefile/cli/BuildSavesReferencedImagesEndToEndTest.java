package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.registrydir.RegistryDirectory;
import io.kubefile.save.Skopeo;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5, end to end: images built and pushed by kubefile itself to a real registry, referenced by a
 * build context from manifests/ (pinned by digest), a Helm chart and images/shim/list (a two-platform
 * index); {@code kubefile build} saves them into CONTEXT/registry and copies that into the image. A
 * second docker-registry serving CONTEXT/registry as its storage must then hand skopeo every image with
 * the source's manifest digests and intact blobs.
 */
class BuildSavesReferencedImagesEndToEndTest {
  @TempDir Path tmp;

  @Test
  void theRegistryDirectoryOfABuildServesEveryReferencedImageUnchanged() throws Exception {
    Skopeo.assumeInstalled();
    Path home = Files.createDirectories(tmp.resolve("home"));
    try (RegistryServer source = RegistryServer.startPlain(Files.createDirectories(tmp.resolve("source")))) {
      String s = source.host();
      Path sourceStore = tmp.resolve("source-store");

      // Source images, built by kubefile with reproducible layers: the layer of base.bin is shared by
      // base, web, api and both platforms of shim.
      Path images = Files.createDirectories(tmp.resolve("source-images"));
      random(images.resolve("base.bin"), "base", 300_000);
      random(images.resolve("web.bin"), "web", 120_000);
      Files.writeString(images.resolve("web.conf"), "listen 8080\n");
      random(images.resolve("api.bin"), "api", 90_000);
      random(images.resolve("shim-amd64.bin"), "shim-amd64", 40_000);
      random(images.resolve("shim-arm64.bin"), "shim-arm64", 40_000);
      buildSource(sourceStore, images, "base.kubefile", "FROM scratch\nCOPY base.bin /base.bin\n", s + "/e2e/base:v1");
      buildSource(sourceStore, images, "web.kubefile",
          "FROM " + s + "/e2e/base:v1\nCOPY web.bin /web.bin\nCOPY web.conf /etc/web.conf\n", s + "/e2e/web:v1");
      buildSource(sourceStore, images, "api.kubefile", "FROM " + s + "/e2e/base:v1\nCOPY api.bin /api.bin\n",
          s + "/e2e/api:v2");
      ImageStore store = ImageStore.open(sourceStore);
      List<Descriptor> children = new ArrayList<>();
      for (String arch : List.of("amd64", "arm64")) {
        buildSource(sourceStore, images, "shim.kubefile",
            "FROM scratch\nARG ARCH\nCOPY base.bin /base.bin\nCOPY shim-${ARCH}.bin /shim.bin\n",
            s + "/e2e/shim-" + arch + ":v1", "--platform", "linux/" + arch, "--build-arg", "ARCH=" + arch);
        StoredImage built = store.findByName(s + "/e2e/shim-" + arch + ":v1").orElseThrow();
        assertThat(built.config().architecture()).isEqualTo(arch);
        children.add(built.manifestDescriptor().withPlatform(new Platform(arch, "linux", null)));
      }
      byte[] index = Json.bytes(ImageIndex.oci(children));
      store.tag(s + "/e2e/shim:v1", store.putBlob(index).descriptor(MediaTypes.OCI_INDEX));
      for (String name : List.of("e2e/base:v1", "e2e/web:v1", "e2e/api:v2")) {
        push(sourceStore, s + "/" + name);
      }
      push(sourceStore, s + "/e2e/shim:v1", "--all");
      List<String> baseLayers = layersOf(home, s + "/e2e/base:v1");
      assertThat(baseLayers).hasSize(1);
      assertThat(layersOf(home, s + "/e2e/web:v1")).hasSize(3).startsWith(baseLayers.get(0));
      assertThat(layersOf(home, s + "/e2e/api:v2")).hasSize(2).startsWith(baseLayers.get(0));

      String webDigest = Skopeo.digestOf(home, s + "/e2e/web:v1");
      String apiDigest = Skopeo.digestOf(home, s + "/e2e/api:v2");
      String indexDigest = Skopeo.digestOf(home, s + "/e2e/shim:v1");
      assertThat(indexDigest).isEqualTo(io.kubefile.image.Digest.sha256(index).toString());
      String hostArch = Platform.host().architecture();
      String shimDigest = children.stream()
          .filter(child -> child.platform().architecture().equals(hostArch))
          .findFirst().orElseThrow(() -> new AssertionError("no shim for host architecture " + hostArch))
          .digest().toString();
      assertThat(layersOf(home, s + "/e2e/shim:v1")).hasSize(2).startsWith(baseLayers.get(0));

      // The cluster image's context.
      Path context = Files.createDirectories(tmp.resolve("context"));
      Files.createDirectories(context.resolve("manifests"));
      Files.writeString(context.resolve("manifests/web.yaml"), String.join("\n",
          "apiVersion: v1",
          "kind: Pod",
          "metadata:",
          "  name: web",
          "spec:",
          "  containers:",
          "  - name: web",
          "    image: " + s + "/e2e/web:v1@" + webDigest,
          ""));
      Path chart = Files.createDirectories(context.resolve("charts/demo/templates"));
      Files.writeString(context.resolve("charts/demo/Chart.yaml"),
          "apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: \"2\"\n");
      Files.writeString(context.resolve("charts/demo/values.yaml"), "image: " + s + "/e2e/api:v2\nreplicas: 1\n");
      Files.writeString(chart.resolve("deployment.yaml"), String.join("\n",
          "apiVersion: apps/v1",
          "kind: Deployment",
          "metadata:",
          "  name: {{ .Release.Name }}-api",
          "spec:",
          "  replicas: {{ .Values.replicas }}",
          "  selector:",
          "    matchLabels:",
          "      app: api",
          "  template:",
          "    metadata:",
          "      labels:",
          "        app: api",
          "    spec:",
          "      containers:",
          "      - name: api",
          "        image: {{ .Values.image }}",
          ""));
      Files.createDirectories(context.resolve("images/shim"));
      Files.writeString(context.resolve("images/shim/list"), s + "/e2e/shim:v1\n");
      Files.writeString(context.resolve("Kubefile"), String.join("\n",
          "FROM scratch",
          "COPY manifests manifests",
          "COPY charts charts",
          "COPY registry registry",
          "CMD [\"kubectl apply -f manifests\", \"helm install demo charts/demo\"]",
          ""));

      Path buildStore = tmp.resolve("store");
      CliRun.Result build = CliRun.run(buildStore, "build", "-t", "e2e/app:v1", context.toString());
      assertThat(build.exitCode()).as(build.err()).isZero();

      RegistryDirectory saved = RegistryDirectory.open(context.resolve("registry"));
      assertThat(saved.repositories()).containsExactlyInAnyOrder("e2e/web", "e2e/api", "e2e/shim");
      assertThat(saved.leftoverTemporaryFiles()).isEmpty();

      // registry/ served as the cluster serves it.
      try (RegistryServer served = RegistryServer.serve(context.resolve("registry"),
          Files.createDirectories(tmp.resolve("served")))) {
        String p2 = served.host();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("e2e/web:v1", webDigest);
        expected.put("e2e/api:v2", apiDigest);
        expected.put("e2e/shim:v1", shimDigest);
        for (Map.Entry<String, String> image : expected.entrySet()) {
          String name = p2 + "/" + image.getKey();
          byte[] raw = Skopeo.run(home, "inspect", "--tls-verify=false", "--raw", "docker://" + name)
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          assertThat(io.kubefile.image.Digest.sha256(raw).toString()).as(name).isEqualTo(image.getValue());
          assertThat(Skopeo.digestOf(home, name)).as(name).isEqualTo(image.getValue());
          Path copy = Files.createDirectories(tmp.resolve("copies")).resolve(image.getKey().replace('/', '_').replace(':', '_'));
          // skopeo verifies every blob's digest and size while copying.
          Skopeo.run(home, "copy", "--src-tls-verify=false", "docker://" + name, "oci:" + copy);
        }
        // The pinned digest is served too.
        assertThat(Skopeo.digestOf(home, p2 + "/e2e/web@" + webDigest)).isEqualTo(webDigest);
        assertThat(layersOf(home, p2 + "/e2e/web:v1")).startsWith(baseLayers.get(0));
      }

      // The built image carries registry/ in its last layer.
      StoredImage app = ImageStore.open(buildStore).findByName("docker.io/e2e/app:v1").orElseThrow();
      List<Descriptor> layers = app.manifest().layers();
      assertThat(layers).hasSize(3);
      List<String> registryFiles = tarEntries(ImageStore.open(buildStore), layers.get(2));
      assertThat(registryFiles).allMatch(entry -> entry.startsWith("registry"));
      for (String repository : List.of("e2e/web", "e2e/api", "e2e/shim")) {
        assertThat(registryFiles).anyMatch(entry ->
            entry.startsWith("registry/docker/registry/v2/repositories/" + repository + "/_manifests/tags/"));
      }
      assertThat(registryFiles).anyMatch(entry -> entry.equals(
          "registry/docker/registry/v2/blobs/sha256/" + baseLayers.get(0).substring(7, 9) + "/"
              + baseLayers.get(0).substring(7) + "/data"));
      CliRun.Result inspect = CliRun.run(buildStore, "inspect", "e2e/app:v1");
      assertThat(inspect.exitCode()).as(inspect.err()).isZero();
      JsonNode json = Json.mapper().readTree(inspect.out());
      assertThat(json.path("OCIv1").path("rootfs").path("diff_ids")).hasSize(3);
    }
  }

  private static void buildSource(Path store, Path context, String file, String kubefile, String name, String... extra)
      throws Exception {
    Files.writeString(context.resolve(file), kubefile);
    List<String> args = new ArrayList<>(List.of("build", "-q", "--save-image=false", "--timestamp", "0", "-f",
        context.resolve(file).toString(), "-t", name));
    args.addAll(List.of(extra));
    args.add(context.toString());
    CliRun.Result result = CliRun.run(store, args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  /**
   * Pushes as stored (no gzip on the way), so the source registry holds exactly the manifests and
   * index assembled here, whose digests the saved registry/ must then reproduce.
   */
  private static void push(Path store, String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("push", "-q", "--compression-format", "none"));
    args.addAll(List.of(extra));
    args.add(name);
    CliRun.Result result = CliRun.run(store, args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  /** Layer digests skopeo sees (of the host platform for an index). */
  private static List<String> layersOf(Path home, String image) throws Exception {
    JsonNode json = Json.mapper().readTree(
        Skopeo.run(home, "inspect", "--tls-verify=false", "--no-tags", "docker://" + image));
    List<String> layers = new ArrayList<>();
    json.path("Layers").forEach(layer -> layers.add(layer.asText()));
    return layers;
  }

  private static void random(Path file, String seed, int size) throws Exception {
    byte[] content = new byte[size];
    new Random(seed.hashCode()).nextBytes(content);
    Files.write(file, content);
  }

  private static List<String> tarEntries(ImageStore store, Descriptor layer) throws Exception {
    List<String> names = new ArrayList<>();
    try (InputStream raw = new BufferedInputStream(store.openBlob(layer.digest()))) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GzipCompressorInputStream(raw) : raw)) {
        for (TarArchiveEntry entry; (entry = tar.getNextTarEntry()) != null; ) {
          names.add(entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", ""));
        }
      }
    }
    return names;
  }
}
