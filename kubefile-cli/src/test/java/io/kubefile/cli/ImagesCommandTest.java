package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Digest;
import io.kubefile.image.Json;
import io.kubefile.store.ImageStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesCommandTest {
  @TempDir Path root;

  @Test
  void lists_one_row_per_name_with_short_id_age_and_size() throws Exception {
    Digest id = CliRun.storeImage(root, "docker.io/example/hello:v1", "hello");
    CliRun.run(root, "tag", "example/hello:v1", "example/hello:latest");

    CliRun.Result result = CliRun.run(root, "images");

    assertThat(result.exitCode()).isZero();
    String[] lines = result.out().split("\n");
    assertThat(lines[0]).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE +PLATFORMS");
    assertThat(lines).hasSize(3);
    assertThat(result.out())
        .containsPattern("docker.io/example/hello +v1 +" + id.shortHex() + " +2 minutes ago +\\d[\\d.]* [kM]?B")
        .containsPattern("docker.io/example/hello +latest +" + id.shortHex());
  }

  @Test
  void quiet_prints_each_id_once() throws Exception {
    Digest id = CliRun.storeImage(root, "docker.io/example/hello:v1", "hello");
    CliRun.run(root, "tag", "example/hello:v1", "example/hello:v2");
    assertThat(CliRun.run(root, "images", "-q").out()).isEqualTo(id.shortHex() + "\n");
  }

  @Test
  void digests_adds_the_manifest_digest_column() throws Exception {
    CliRun.storeImage(root, "docker.io/example/hello:v1", "hello");
    assertThat(CliRun.run(root, "images", "--digests").out()).contains("DIGEST").containsPattern("sha256:[0-9a-f]{64}");
  }

  @Test
  void digests_of_a_multi_platform_image_is_the_index_digest_as_ctr_and_podman_show_it() throws Exception {
    CliRun.storeTwoPlatformIndex(root, "docker.io/example/multi:v1");
    Digest index = ImageStore.open(root).findByName("docker.io/example/multi:v1").orElseThrow().entry().digest();

    CliRun.Result result = CliRun.run(root, "images", "--digests");

    assertThat(result.out()).containsPattern("docker.io/example/multi +v1 +" + index + " ");
    JsonNode json = Json.mapper().readTree(CliRun.run(root, "images", "--json").out());
    assertThat(json.findValuesAsText("Digest")).contains(index.toString());
  }

  @Test
  void a_multi_platform_image_shows_its_platforms_and_each_image_its_own() throws Exception {
    CliRun.storeTwoPlatformIndex(root, "docker.io/example/multi:v1");

    CliRun.Result table = CliRun.run(root, "images");

    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out())
        .containsPattern("(?m)^docker.io/example/multi +v1 +.* linux/amd64,linux/arm64$")
        .containsPattern("(?m)^docker.io/local/arm64 +v1 +.* linux/arm64$")
        .containsPattern("(?m)^docker.io/local/amd64 +v1 +.* linux/amd64$");
    JsonNode json = Json.mapper().readTree(CliRun.run(root, "images", "--format", "json").out());
    assertThat(json).as("the index is listed apart from the image it shares an ID with").hasSize(3);
    for (JsonNode image : json) {
      boolean index = image.get("Names").get(0).asText().equals("docker.io/example/multi:v1");
      assertThat(image.get("IsManifestList").asBoolean()).isEqualTo(index);
      assertThat(image.get("Platforms").toString()).isEqualTo(index ? "[\"linux/amd64\",\"linux/arm64\"]"
          : "[\"" + image.get("Names").get(0).asText().replaceAll(".*/(amd64|arm64):v1", "linux/$1") + "\"]");
    }
  }

  @Test
  void an_index_stored_for_some_of_its_platforms_shows_the_stored_ones() throws Exception {
    java.util.List<io.kubefile.image.Descriptor> children = CliRun.storeTwoPlatformIndex(root, "docker.io/example/multi:v1");
    CliRun.run(root, "rmi", "local/arm64:v1");
    // as an index pulled for one platform is kept: the index, and only that platform's manifest
    java.nio.file.Files.delete(ImageStore.open(root).blobPath(children.get(1).digest()));

    assertThat(CliRun.run(root, "images").out()).containsPattern("(?m)^docker.io/example/multi +v1 +.* linux/amd64$");
  }

  @Test
  void json_prints_one_object_per_image_with_all_names() throws Exception {
    Digest id = CliRun.storeImage(root, "docker.io/example/hello:v1", "hello");
    CliRun.run(root, "tag", "example/hello:v1", "example/hello:v2");
    JsonNode json = Json.mapper().readTree(CliRun.run(root, "images", "--json").out());
    assertThat(json).hasSize(1);
    assertThat(json.get(0).get("Id").asText()).isEqualTo(id.hex());
    assertThat(json.get(0).get("Names")).hasSize(2);
    assertThat(json.get(0).get("Size").asLong()).isPositive();
  }

  @Test
  void an_empty_store_prints_just_the_header() {
    assertThat(CliRun.run(root, "images").out().strip()).isEqualTo("REPOSITORY  TAG  IMAGE ID  CREATED  SIZE  PLATFORMS");
  }

  @Test
  void human_units_match_podman() {
    assertThat(HumanUnits.size(512)).isEqualTo("512 B");
    assertThat(HumanUnits.size(12_345_678)).isEqualTo("12.3 MB");
    assertThat(HumanUnits.size(1_500)).isEqualTo("1.5 kB");
    assertThat(HumanUnits.ago(java.time.Duration.ofSeconds(125))).isEqualTo("2 minutes ago");
    assertThat(HumanUnits.ago(java.time.Duration.ofMinutes(61))).isEqualTo("About an hour ago");
    assertThat(HumanUnits.ago(java.time.Duration.ofDays(3))).isEqualTo("3 days ago");
  }
}
