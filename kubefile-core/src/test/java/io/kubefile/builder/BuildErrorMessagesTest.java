package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad input fails with one message that names the file, the line and what is wrong, and a failed
 * build leaves nothing in the store's index.
 */
class BuildErrorMessagesTest {
  @TempDir Path tmp;
  private ImageStore store;

  @BeforeEach
  void openStore() throws Exception {
    store = ImageStore.open(tmp.resolve("store"));
  }

  private KubefileBuilder builderFor(String kubefile) throws Exception {
    Path context = TestContexts.withKubefile(tmp.resolve("ctx"), kubefile);
    return KubefileBuilder.forContext(context).store(store).platform(Platform.parse("linux/amd64"))
        .tag("docker.io/test/bad:v1");
  }

  private void assertFailsWith(KubefileBuilder builder, String message) throws Exception {
    assertThatThrownBy(builder::build).isInstanceOf(BuildException.class).hasMessage(message);
    assertThat(store.indexEntries()).as("index after a failed build").isEmpty();
  }

  @Test
  void a_builder_without_a_store_says_so() throws Exception {
    Path context = TestContexts.withKubefile(tmp.resolve("ctx"), "FROM scratch\n");

    assertThatThrownBy(() -> KubefileBuilder.forContext(context).build())
        .isInstanceOf(BuildException.class)
        .hasMessage("no store to build into: call store(ImageStore) first");
  }

  @Test
  void a_missing_copy_source_names_the_line_and_the_path() throws Exception {
    assertFailsWith(builderFor("FROM scratch\nCOPY init.sh /\nCOPY nope.txt /\n"),
        "Kubefile:3: COPY failed: \"nope.txt\": not found in build context (or excluded by an ignore file)");
  }

  /** Worded as buildkit's BFlags.Parse words it. */
  @Test
  void an_unknown_flag_is_refused() throws Exception {
    assertFailsWith(builderFor("FROM scratch\nCOPY --bogus=1 a b\n"),
        "Kubefile:2: Unknown flag: bogus");
  }

  @Test
  void run_is_refused_with_what_to_do_instead() throws Exception {
    assertFailsWith(builderFor("FROM scratch\nRUN echo hi\n"),
        "Kubefile:2: RUN is not supported: Kubefile builds without a container runtime; do this step"
            + " in init.sh (run when the image is installed) or in a base image");
  }

  @Test
  void env_without_a_value_is_refused() throws Exception {
    assertFailsWith(builderFor("FROM scratch\nENV ONLYKEY\n"),
        "Kubefile:2: ENV must have two arguments");
  }

  @Test
  void copy_from_a_variable_is_refused() throws Exception {
    assertFailsWith(builderFor("FROM scratch\nARG X=base\nCOPY --from=$X /a /b\n"),
        "Kubefile:3: variable expansion is not supported for --from");
  }

  @Test
  void chown_to_a_name_without_etc_passwd_is_refused() throws Exception {
    assertFailsWith(builderFor("FROM scratch\nCOPY --chown=nobody init.sh /\n"),
        "Kubefile:2: COPY failed: unable to find user nobody: /etc/passwd does not exist in the stage");
  }

  @Test
  void copying_a_directory_onto_a_file_is_refused() throws Exception {
    assertFailsWith(builderFor("FROM scratch\nCOPY init.sh /target\nCOPY manifests /target\n"),
        "Kubefile:3: COPY failed: cannot copy to non-directory: /target");
  }

  @Test
  void an_invalid_tag_is_refused_before_anything_is_built() throws Exception {
    Path context = TestContexts.simple(tmp.resolve("ctx"));
    KubefileBuilder builder = KubefileBuilder.forContext(context).store(store).tag("Bad Name:v1");
    assertThatThrownBy(builder::build).isInstanceOf(BuildException.class)
        .hasMessageStartingWith("invalid tag \"Bad Name:v1\": ");
    assertThat(store.indexEntries()).isEmpty();
    try (var temp = Files.walk(store.root().resolve(".tmp"))) {
      assertThat(temp.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".lock")))
          .as("no temp files left (session lock files aside)").isEmpty();
    }
  }

  @Test
  void an_invalid_platform_in_from_is_refused() throws Exception {
    assertFailsWith(builderFor("FROM --platform=linux/amd64/v3/x base\n"),
        "Kubefile:1: invalid platform \"linux/amd64/v3/x\": expected os/arch[/variant]");
  }
}
