package io.kubefile.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.copy.ImageSaver;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.CopySink;
import io.kubefile.image.access.TransportReference;
import io.kubefile.registrydir.RegistryDirectory;
import io.kubefile.registrydir.RepositoryNaming;
import io.kubefile.ssh.ClassFixture;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import io.kubefile.store.TestImages;
import io.kubefile.transport.ArchiveFormat;
import io.kubefile.transport.DockerArchive;
import io.kubefile.transport.OciArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every transport pair goes through the one copier ({@link ImageCopier}): a registry, the store,
 * an {@code oci:} layout, an oci-archive, a docker-archive and a {@code registry/} directory, each
 * as a source and as a sink. What arrives is read back by skopeo: the manifest it serves is the one
 * the copy wrote, byte for byte (a docker-archive has no manifest: there the config, the image ID,
 * is compared), and {@code skopeo copy … dir:} verifies every blob against its digest; umoci unpacks
 * what went into an OCI layout (the store, {@code oci:}, an oci-archive). The image ID (config)
 * survives every pair; OCI sources keep their manifest digest everywhere, and a docker-archive's
 * synthesized Docker manifest becomes OCI only in OCI layouts and oci-archives.
 */
class TransportMatrixTest {
  private static final String NAME = "docker.io/example/matrix:v1";

  @TempDir static Path tmp;
  @RegisterExtension static final ClassFixture<RegistryServer> registry =
      ClassFixture.of(() -> RegistryServer.startPlain(tmp.resolve("registry")));
  static ImageStore origin;
  static Digest id;
  static Digest manifestDigest;
  static ExecutorService workers;
  static RegistryClient client;

  @BeforeAll
  static void prepareEverySource() throws Exception {
    External.assumeInstalled("skopeo");
    workers = Executors.newFixedThreadPool(4);
    client = RegistryClient.builder().build();
    origin = ImageStore.open(tmp.resolve("origin"));
    origin.tag(NAME, TestImages.store(origin, "matrix", false)); // uncompressed: docker-archive keeps the digests
    id = origin.findByName(NAME).orElseThrow().id();
    manifestDigest = origin.findByName(NAME).orElseThrow().manifestDescriptor().digest();
    copier().copy(new StoreSource(origin, origin.findByName(NAME).orElseThrow()),
        new RegistrySink(client, ImageReference.parse(registry.get().host() + "/source/matrix:v1")), options());
    copier().copy(new StoreSource(origin, origin.findByName(NAME).orElseThrow()),
        new StoreSink(ImageStore.open(tmp.resolve("layout")), List.of(NAME)), options());
    new ImageSaver(origin).save(ArchiveFormat.OCI_ARCHIVE, List.of(NAME), tmp.resolve("matrix.oci.tar"));
    new ImageSaver(origin).save(ArchiveFormat.DOCKER_ARCHIVE, List.of(NAME), tmp.resolve("matrix.docker.tar"));
    new ImageSaver(origin).save(List.of(NAME), TransportReference.parse("registry-dir:" + tmp.resolve("source-registry")), null);
  }

  @AfterAll
  static void stop() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  private static ImageCopier copier() {
    return new ImageCopier(new BlobCache(origin), workers);
  }

  private static CopyOptions options() {
    return CopyOptions.forPlatform(Platform.host());
  }

  private static List<String> sources() {
    return List.of(
        "docker://" + registry.get().host() + "/source/matrix:v1",
        NAME,
        "oci:" + tmp.resolve("layout") + ":" + NAME,
        "oci-archive:" + tmp.resolve("matrix.oci.tar"),
        "docker-archive:" + tmp.resolve("matrix.docker.tar"),
        "registry-dir:" + tmp.resolve("source-registry") + ":example/matrix:v1");
  }

  @Test
  void everySourceCopiesIntoEverySinkAndSkopeoReadsTheResult() throws Exception {
    List<String> checked = new ArrayList<>();
    int n = 0;
    RegistryDirectory directory = RegistryDirectory.open(tmp.resolve("context/registry"));
    List<String> savedToDirectory = new ArrayList<>();
    for (String source : sources()) {
      boolean fromDockerArchive = source.startsWith("docker-archive:");
      n++;
      // into the store and an oci: layout (both OCI layouts): OCI media types, skopeo reads oci:DIR:NAME
      for (String layoutSink : List.of("store", "oci")) {
        Path dir = tmp.resolve(layoutSink + "-" + n);
        RawManifest copied = copy(source, new StoreSink(ImageStore.open(dir), List.of(NAME)));
        assertThat(copied.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        if (!fromDockerArchive) {
          assertThat(copied.digest()).as(source).isEqualTo(manifestDigest);
        }
        verifyWithSkopeo("oci:" + dir + ":" + NAME, copied, List.of());
        unpackWithUmoci(dir);
        checked.add(source + " -> " + layoutSink);
      }
      // into an oci-archive (an OCI layout in a tar) and a docker-archive (no manifest, one platform)
      Path ociArchive = tmp.resolve("sink-" + n + ".oci.tar");
      RawManifest archived = copyIntoArchive(source, ArchiveFormat.OCI_ARCHIVE, ociArchive);
      assertThat(archived.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      if (!fromDockerArchive) {
        assertThat(archived.digest()).as(source).isEqualTo(manifestDigest);
      }
      verifyWithSkopeo("oci-archive:" + ociArchive + ":" + NAME, archived, List.of());
      Path extracted = Files.createDirectories(tmp.resolve("sink-" + n + "-extracted"));
      External.run("tar", "-xf", ociArchive.toString(), "-C", extracted.toString());
      unpackWithUmoci(extracted);
      checked.add(source + " -> oci-archive");
      Path dockerArchive = tmp.resolve("sink-" + n + ".docker.tar");
      copyIntoArchive(source, ArchiveFormat.DOCKER_ARCHIVE, dockerArchive);
      JsonNode synthesized = Json.mapper().readTree(External.run("skopeo", "inspect", "--raw", "docker-archive:" + dockerArchive + ":" + NAME));
      assertThat(synthesized.path("config").path("digest").asText()).as(source).isEqualTo(id.toString());
      External.run("skopeo", "copy", "docker-archive:" + dockerArchive + ":" + NAME, "dir:" + Files.createTempDirectory(tmp, "dir-"));
      checked.add(source + " -> docker-archive");
      // into a registry: the source's manifest exactly
      String pushed = registry.get().host() + "/sink-" + n + "/matrix:v1";
      RawManifest copied = copy(source, new RegistrySink(client, ImageReference.parse(pushed)));
      assertThat(copied.mediaType()).isEqualTo(fromDockerArchive ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST);
      verifyWithSkopeo("docker://" + pushed, copied, List.of("--src-tls-verify=false"));
      checked.add(source + " -> registry");
      // into registry/: served by a registry afterwards
      String saved = "example/dir-" + n + ":v1";
      RawManifest stored = copy(source, new RegistryDirectorySink(directory,
          RepositoryNaming.targetOf(ImageReference.parse(saved))));
      savedToDirectory.add(saved + " " + stored.digest());
      checked.add(source + " -> registry/");
    }
    try (RegistryServer served = RegistryServer.serve(tmp.resolve("context/registry"), tmp.resolve("served"))) {
      for (String line : savedToDirectory) {
        String[] parts = line.split(" ");
        String raw = External.run("skopeo", "inspect", "--raw", "--tls-verify=false",
            "docker://" + served.host() + "/" + parts[0]);
        assertThat(Digest.sha256(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
            .as(parts[0]).isEqualTo(parts[1]);
        External.run("skopeo", "copy", "--src-tls-verify=false", "docker://" + served.host() + "/" + parts[0],
            "dir:" + tmp.resolve("dir-check-" + parts[0].replaceAll("[^a-z0-9]", "-")));
      }
    }
    assertThat(checked).hasSize(sources().size() * 6);
  }

  private static RawManifest copyIntoArchive(String source, ArchiveFormat format, Path file) throws Exception {
    try (ArchiveSink archive = ArchiveSink.create(format, file)) {
      RawManifest copied = copy(source, archive.image(List.of(NAME)));
      archive.finish();
      return copied;
    }
  }

  /** umoci unpacks the named image of an OCI layout (rootless: no root needed, every file owned by us). */
  private static void unpackWithUmoci(Path layout) throws Exception {
    External.assumeInstalled("umoci");
    Path bundle = tmp.resolve("bundle-" + layout.getFileName());
    External.run("umoci", "unpack", "--rootless", "--image", layout + ":" + NAME, bundle.toString());
    assertThat(bundle.resolve("rootfs/etc/matrix-1.txt")).as(layout.toString()).hasContent("matrix layer 1");
  }

  private static RawManifest copy(String source, CopySink sink) throws Exception {
    TransportSources sources = new TransportSources(origin, RegistrySources.direct(client));
    try (OpenedImage opened = sources.open(TransportReference.parse(source))) {
      return copier().copy(opened.source(), sink, options());
    }
  }

  /**
   * skopeo serves the manifest the copy returned, byte for byte, with our image ID as its config;
   * {@code skopeo copy … dir:} verifies every blob.
   */
  private static void verifyWithSkopeo(String reference, RawManifest expected, List<String> flags) throws Exception {
    List<String> inspect = new ArrayList<>(List.of("skopeo", "inspect", "--raw"));
    inspect.addAll(flags.stream().map(f -> f.replace("--src-", "--")).toList());
    inspect.add(reference);
    String raw = External.run(inspect.toArray(String[]::new));
    assertThat(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).as(reference).isEqualTo(expected.bytes());
    JsonNode manifest = Json.mapper().readTree(raw);
    assertThat(manifest.path("config").path("digest").asText()).as(reference).isEqualTo(id.toString());
    List<String> copy = new ArrayList<>(List.of("skopeo", "copy"));
    copy.addAll(flags);
    copy.add(reference);
    copy.add("dir:" + Files.createTempDirectory(tmp, "dir-"));
    External.run(copy.toArray(String[]::new));
  }
}
