package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.copy.ImageSaver;
import io.kubefile.image.Platform;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import io.kubefile.transport.ArchiveFormat;
import io.kubefile.transport.DockerArchive;
import io.kubefile.transport.OciArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo and umoci read a built image from the store and from the archives we save it to. */
class ExternalReadersOfBuiltImagesTest {
  private static final String NAME = "docker.io/test/readers:v1";
  @TempDir Path tmp;
  private ImageStore store;
  private BuildResult built;

  @BeforeEach
  void build() throws Exception {
    External.assumeInstalled("skopeo");
    External.assumeInstalled("umoci");
    store = ImageStore.open(tmp.resolve("store"));
    built = KubefileBuilder.forContext(TestContexts.simple(tmp.resolve("ctx")))
        .store(store).platform(Platform.parse("linux/amd64")).tag(NAME).build();
  }

  @Test
  void skopeo_inspects_the_image_in_the_store() throws Exception {
    String json = External.run("skopeo", "inspect", "--config", "oci:" + store.root() + ":" + NAME);
    assertThat(json).contains("\"sealos.io.type\": \"application\"").contains("sh init.sh");
    String manifest = External.run("skopeo", "inspect", "--raw", "oci:" + store.root() + ":" + NAME);
    assertThat(manifest).contains(built.imageId().toString());
  }

  @Test
  void umoci_unpacks_the_image_in_the_store() throws Exception {
    Path bundle = tmp.resolve("bundle");
    External.run("umoci", "unpack", "--rootless", "--image", store.root() + ":" + NAME, bundle.toString());
    assertThat(bundle.resolve("rootfs/manifests/app.yaml")).hasContent("kind: ConfigMap");
    assertThat(bundle.resolve("rootfs/init.sh")).exists();
  }

  @Test
  void skopeo_inspects_the_oci_and_docker_archives_we_save() throws Exception {
    Path oci = tmp.resolve("image.oci.tar");
    Path docker = tmp.resolve("image.docker.tar");
    new ImageSaver(store).save(ArchiveFormat.OCI_ARCHIVE, List.of(NAME), oci);
    new ImageSaver(store).save(ArchiveFormat.DOCKER_ARCHIVE, List.of(NAME), docker);

    assertThat(Files.size(oci)).isPositive();
    assertThat(External.run("skopeo", "inspect", "--config", "oci-archive:" + oci))
        .contains("sealos.io.type");
    assertThat(External.run("skopeo", "inspect", "--config", "docker-archive:" + docker))
        .contains("sealos.io.type");
    // docker-archive's image ID is the config digest, the same ID the build reported.
    assertThat(External.run("skopeo", "inspect", "--raw", "docker-archive:" + docker))
        .contains(built.imageId().toString());
  }
}
