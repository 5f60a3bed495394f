package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.copy.ImageSaver;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.RuntimeConfig;
import io.kubefile.store.BlobInfo;
import io.kubefile.store.ImageStore;
import io.kubefile.transport.ArchiveFormat;
import io.kubefile.transport.DockerArchive;
import io.kubefile.transport.OciArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives are read in place (issue #12 item 10): inspecting a many-layer archive several times
 * larger than the heap works in a JVM with a small heap, as {@code load} does. The CLI runs in a
 * forked {@code java -Xmx64m}, so the heap limit is real; the archive holds 24 layers of 4 MiB.
 */
@org.junit.jupiter.api.Tag("reliability")
class LargeArchiveInspectTest {
  private static final int LAYERS = 24;
  private static final int LAYER_SIZE = 4 << 20;
  private static final String NAME = "docker.io/example/big:v1";

  @TempDir static Path tmp;
  static Path ociArchive;
  static Path dockerArchive;
  static Digest id;

  @BeforeAll
  static void writeArchives() throws IOException {
    ImageStore store = ImageStore.open(tmp.resolve("source"));
    Random random = new Random(42);
    List<Descriptor> layers = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    byte[] content = new byte[LAYER_SIZE];
    for (int i = 0; i < LAYERS; i++) {
      random.nextBytes(content); // incompressible, and each layer distinct
      BlobInfo layer = store.putBlob(content);
      layers.add(layer.descriptor(MediaTypes.OCI_LAYER));
      diffIds.add(layer.digest());
    }
    ImageConfig config = new ImageConfig(null, null, "amd64", "linux", null,
        new RuntimeConfig(null, null, List.of("A=1"), null, List.of("sh"), null, null, Map.of("size", "big"), null,
            false, null, null, null),
        new ImageConfig.RootFs("layers", diffIds), List.of());
    BlobInfo configBlob = store.putBlob(Json.bytes(config));
    id = configBlob.digest();
    ImageManifest manifest = ImageManifest.oci(configBlob.descriptor(MediaTypes.OCI_CONFIG), layers, Map.of());
    store.tag(NAME, store.putBlob(Json.bytes(manifest)).descriptor(MediaTypes.OCI_MANIFEST));
    ociArchive = tmp.resolve("big.oci.tar");
    dockerArchive = tmp.resolve("big.docker.tar");
    new ImageSaver(store).save(ArchiveFormat.OCI_ARCHIVE, List.of(NAME), ociArchive);
    new ImageSaver(store).save(ArchiveFormat.DOCKER_ARCHIVE, List.of(NAME), dockerArchive);
    for (Path layerBlob : layers.stream().map(l -> store.blobPath(l.digest())).toList()) {
      Files.delete(layerBlob); // the archives are all there is now
    }
  }

  @Test
  void inspectOfAnOciArchiveLargerThanTheHeapWorksInA64MibHeap() throws Exception {
    assertThat(Files.size(ociArchive)).isGreaterThan(LAYERS * (long) LAYER_SIZE);
    JsonNode inspected = inspectWithSmallHeap("oci-archive:" + ociArchive);
    assertThat(inspected.path("FromImageID").asText()).isEqualTo(id.hex());
    assertThat(inspected.path("OCIv1").path("rootfs").path("diff_ids")).hasSize(LAYERS);
  }

  @Test
  void inspectOfADockerArchiveLargerThanTheHeapWorksInA64MibHeap() throws Exception {
    JsonNode inspected = inspectWithSmallHeap("docker-archive:" + dockerArchive);
    assertThat(inspected.path("FromImageID").asText()).isEqualTo(id.hex());
    assertThat(inspected.path("Name").asText()).isEqualTo(NAME);
  }

  /** {@code kubefile inspect REF} in a JVM of its own, limited to 64 MiB of heap. */
  private static JsonNode inspectWithSmallHeap(String reference) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path out = tmp.resolve("inspect.out");
    Path err = tmp.resolve("inspect.err");
    Process process = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), KubefileCommand.class.getName(),
        "inspect", "--root=" + tmp.resolve("store"), reference)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("inspect finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(err)).isZero();
    return Json.mapper().readTree(Files.readString(out));
  }
}
