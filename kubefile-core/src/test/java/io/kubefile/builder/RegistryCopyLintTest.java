package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build checks that saved images reach the image, and copes with an empty save. */
class RegistryCopyLintTest {
  @TempDir Path tmp;

  private List<String> build(String kubefile, int savedImages) throws Exception {
    Path ctx = TestContexts.withKubefile(Files.createDirectories(tmp.resolve("ctx")), kubefile);
    List<String> warnings = new ArrayList<>();
    KubefileBuilder.forContext(ctx).store(ImageStore.open(tmp.resolve("store"))).savedImages(savedImages)
        .warnings(warnings::add).build();
    return warnings;
  }

  @Test
  void copyingRegistryWhenNothingWasSavedCreatesItEmptyAndWarns() throws Exception {
    List<String> warnings = build("FROM scratch\nCOPY manifests manifests\nCOPY registry registry\n", 0);
    assertThat(warnings).containsExactly(
        "no image was saved, so registry/ did not exist; created it empty for the COPY");
    assertThat(tmp.resolve("ctx/registry")).isEmptyDirectory();
  }

  @Test
  void withoutASaveStepAMissingRegistryIsCreatedEmptyAndWarnedAboutToo() throws Exception {
    Path ctx = TestContexts.withKubefile(Files.createDirectories(tmp.resolve("ctx")),
        "FROM scratch\nCOPY manifests manifests\nCOPY registry registry\n");
    List<String> warnings = new ArrayList<>();

    KubefileBuilder.forContext(ctx).store(ImageStore.open(tmp.resolve("store"))).warnings(warnings::add).build();

    assertThat(warnings).containsExactly(
        "no image was saved, so registry/ did not exist; created it empty for the COPY");
    assertThat(tmp.resolve("ctx/registry")).isEmptyDirectory();
  }

  @Test
  void savedImagesThatNoInstructionCopiesAreWarnedAbout() throws Exception {
    List<String> warnings = build("FROM scratch\nCOPY manifests manifests\n", 3);
    assertThat(warnings).containsExactly("3 images were saved into registry/, but no COPY or ADD copies"
        + " registry: the cluster will not get them (add: COPY registry registry)");
  }

  @Test
  void copyingTheWholeContextOrAWildcardCountsAsCopyingRegistry() throws Exception {
    assertThat(build("FROM scratch\nCOPY . .\n", 2)).isEmpty();
    Files.createDirectories(tmp.resolve("ctx/registry"));
    assertThat(build("FROM scratch\nCOPY reg* /r/\n", 2)).isEmpty();
  }
}
