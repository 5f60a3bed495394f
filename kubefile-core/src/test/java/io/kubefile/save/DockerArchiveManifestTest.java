package io.kubefile.save;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.copy.ArchiveSources;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.access.ArchiveSource;
import io.kubefile.transport.ArchiveFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest synthesized for a docker-archive is containers/image's, byte for byte, except that an
 * uncompressed layer is called uncompressed (skopeo labels it gzip).
 */
class DockerArchiveManifestTest {
  @TempDir Path work;

  @Test
  void agreesWithSkopeoExceptForTheHonestLayerMediaType() throws Exception {
    Skopeo.assumeInstalled();
    SourceImages.Image image = SourceImages.dockerImage("archived", "amd64", SourceImages.layer("only", 4096));
    Path archive = work.resolve("image.tar");
    writeDockerArchive(archive, image);

    String skopeos = Skopeo.run(work, "inspect", "--raw", "docker-archive:" + archive).strip();
    String ours;
    try (ArchiveSource source = ArchiveSources.open(archive, ArchiveFormat.DOCKER_ARCHIVE, null, work.resolve("unpacked"))) {
      ours = new String(source.root().bytes(), StandardCharsets.UTF_8);
      assertThat(source.embeddedName()).contains("docker.io/example/archived:1");
    }

    assertThat(ours).contains(MediaTypes.DOCKER_LAYER);
    assertThat(ours.replace(MediaTypes.DOCKER_LAYER, MediaTypes.DOCKER_LAYER_GZIP)).isEqualTo(skopeos);
    assertThat(work.resolve("unpacked")).doesNotExist();
  }

  /** What {@code docker save} writes: config, uncompressed layer tars, manifest.json. */
  private static void writeDockerArchive(Path archive, SourceImages.Image image) throws Exception {
    byte[] layerTar = new java.util.zip.GZIPInputStream(
        new java.io.ByteArrayInputStream(image.layers().get(0).gzip())).readAllBytes();
    String configName = image.configDigest().hex() + ".json";
    String layerName = image.layers().get(0).diffId().hex() + "/layer.tar";
    String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"example/archived:1\"],\"Layers\":[\""
        + layerName + "\"]}]";
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
      add(tar, configName, image.config());
      add(tar, layerName, layerTar);
      add(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws Exception {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
