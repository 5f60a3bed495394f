package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conventions every command keeps (README, "Conventions"): exit 0 on success, 1 on an error, 2 on
 * a usage error; {@code --format json} and {@code --json} on every listing command, giving the same
 * JSON.
 */
class ConventionsTest {
  @TempDir Path tmp;

  @Test
  void exit_codes_are_0_for_success_1_for_an_error_and_2_for_usage() {
    Path root = tmp.resolve("store");

    assertThat(CliRun.run(root, "images").exitCode()).isZero();
    assertThat(CliRun.run(root, "inspect", "no/such:image").exitCode()).isEqualTo(1);
    assertThat(CliRun.run(root, "images", "--no-such-option").exitCode()).isEqualTo(2);
    assertThat(CliRun.runWithoutStore("no-such-command").exitCode()).isEqualTo(2);
    assertThat(CliRun.run(root, "images", "--format", "yaml").exitCode()).isEqualTo(2);
  }

  @Test
  void images_gives_the_same_json_for_format_json_and_json() throws Exception {
    Path root = tmp.resolve("store");
    CliRun.storeImage(root, "docker.io/library/alpha:v1", "alpha");

    CliRun.Result format = CliRun.run(root, "images", "--format", "json");
    CliRun.Result json = CliRun.run(root, "images", "--json");

    assertThat(format.exitCode()).as(format.err()).isZero();
    assertThat(format.out()).isEqualTo(json.out());
    assertThat(Json.mapper().readTree(format.out()).get(0).get("Names").get(0).asText())
        .isEqualTo("docker.io/library/alpha:v1");
  }

  @Test
  void images_format_names_lists_the_names_one_a_line_for_completion() throws Exception {
    Path root = tmp.resolve("store");
    CliRun.storeImage(root, "docker.io/team/b:v1", "b");
    CliRun.storeImage(root, "docker.io/team/a:v1", "a");

    assertThat(CliRun.run(root, "images", "--format", "names").out().lines())
        .containsExactly("docker.io/team/a:v1", "docker.io/team/b:v1");
  }

  @Test
  void list_images_gives_the_same_json_for_format_json_and_json() throws Exception {
    Path context = Files.createDirectories(tmp.resolve("ctx/images/shim"));
    Files.writeString(context.resolve("list"), "nginx:1.25\n");

    CliRun.Result format = CliRun.runWithoutStore("list-images", "--format", "json", tmp.resolve("ctx").toString());
    CliRun.Result json = CliRun.runWithoutStore("list-images", "--json", tmp.resolve("ctx").toString());

    assertThat(format.exitCode()).as(format.err()).isZero();
    assertThat(format.out()).isEqualTo(json.out());
    assertThat(Json.mapper().readTree(format.out()).get("images").get(0).get("name").asText())
        .isEqualTo("docker.io/library/nginx:1.25");
  }

  @Test
  void manifest_inspect_accepts_format_json_and_json_as_every_listing_command_does() throws Exception {
    Path root = tmp.resolve("store");
    CliRun.storeImage(root, "docker.io/library/alpha:v1", "alpha");
    CliRun.Result create = CliRun.run(root, "manifest", "create", "docker.io/library/list:v1", "docker.io/library/alpha:v1");
    assertThat(create.exitCode()).as(create.err()).isZero();

    CliRun.Result plain = CliRun.run(root, "manifest", "inspect", "docker.io/library/list:v1");
    CliRun.Result format = CliRun.run(root, "manifest", "inspect", "--format", "json", "docker.io/library/list:v1");
    CliRun.Result json = CliRun.run(root, "manifest", "inspect", "--json", "docker.io/library/list:v1");

    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(format.out()).isEqualTo(plain.out());
    assertThat(json.out()).isEqualTo(plain.out());
    assertThat(Json.mapper().readTree(plain.out()).get("manifests")).hasSize(1);
    assertThat(CliRun.run(root, "manifest", "inspect", "--format", "table", "docker.io/library/list:v1").exitCode())
        .isEqualTo(2);
  }

  @Test
  void registry_save_json_reports_each_image_and_the_downloads() throws Exception {
    Path pusher = tmp.resolve("pusher");
    try (RegistryServer registry = RegistryServer.startPlain(Files.createDirectories(tmp.resolve("registry")))) {
      String name = registry.host() + "/conventions/app:v1";
      CliRun.storeImage(pusher, name, "app");
      assertThat(CliRun.run(pusher, "push", "-q", name).exitCode()).isZero();
      Path context = Files.createDirectories(tmp.resolve("ctx/images/shim"));
      Files.writeString(context.resolve("list"), name + "\n");

      CliRun.Result save = CliRun.runWithoutStore("registry", "save", "--root=" + tmp.resolve("store"), "--json",
          tmp.resolve("ctx").toString());

      assertThat(save.exitCode()).as(save.err()).isZero();
      JsonNode report = Json.mapper().readTree(save.out());
      assertThat(report.get("registryDir").asText()).isEqualTo(tmp.resolve("ctx/registry").toString());
      assertThat(report.get("blobsDownloaded").asInt()).isEqualTo(2);
      JsonNode image = report.get("images").get(0);
      assertThat(image.get("image").asText()).isEqualTo(name);
      assertThat(image.get("savedAs").asText()).isEqualTo("conventions/app:v1");
      assertThat(image.get("digest").asText()).startsWith("sha256:");
      assertThat(image.get("blobsDownloaded").asInt()).isEqualTo(2);
    }
  }
}
