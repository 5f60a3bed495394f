package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.builder.KubefileBuilder;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterImageTest {
  @TempDir Path work;

  private StoredImage build(ImageStore store, String name, String kubefile) throws Exception {
    Path context = Files.createDirectories(work.resolve(name.replaceAll("[^a-z0-9]", "-")));
    Files.writeString(context.resolve("Kubefile"), kubefile);
    KubefileBuilder.forContext(context).store(store).tag(name).build();
    return store.resolve(name).orElseThrow();
  }

  @Test
  void anImageIsItsConfigSeenAsRunSeesIt() throws Exception {
    ImageStore store = ImageStore.open(work.resolve("store"));
    StoredImage stored = build(store, "test.local/app:v1", """
        FROM scratch
        LABEL sealos.io.type=application
        ENV PATH=/bin A=1 B=
        ENTRYPOINT ["/bin/sh", "-c", "echo in"]
        CMD ["/bin/sh", "-c", "kubectl apply -f app.yaml", "echo done"]
        """);
    ClusterImage image = ClusterImage.of("test.local/app:v1", stored);
    assertThat(image.type()).isEqualTo(ImageType.APPLICATION);
    assertThat(image.env()).containsExactly(Map.entry("A", "1"), Map.entry("B", ""));
    assertThat(image.entrypoint()).isEqualTo(List.of("echo in"));
    assertThat(image.cmd()).isEqualTo(List.of("kubectl apply -f app.yaml", "echo done"));
  }

  @Test
  void twoViewsOfOneImageUnderOneNameAreEqualAndOtherNamesOrImagesAreNot() throws Exception {
    ImageStore store = ImageStore.open(work.resolve("store"));
    StoredImage first = build(store, "test.local/app:v1", "FROM scratch\nLABEL sealos.io.type=application\n");
    StoredImage second = build(store, "test.local/app:v2", "FROM scratch\nLABEL sealos.io.type=application other=1\n");

    ClusterImage image = ClusterImage.of("test.local/app:v1", first);
    ClusterImage again = ClusterImage.of("test.local/app:v1", store.resolve("test.local/app:v1").orElseThrow());
    assertThat(again).isEqualTo(image).hasSameHashCodeAs(image);
    assertThat(Map.of(image, "env").get(again)).isEqualTo("env");
    assertThat(ClusterImage.of("test.local/alias:v1", first)).isNotEqualTo(image);
    assertThat(ClusterImage.of("test.local/app:v1", second)).isNotEqualTo(image);
  }
}
