package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Digest;
import io.kubefile.image.Json;
import io.kubefile.store.External;
import io.kubefile.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path tmp;
  Path root;
  Digest id;

  @BeforeEach
  void storeImage() throws Exception {
    root = tmp.resolve("store");
    id = CliRun.storeImage(root, "docker.io/example/hello:v1", "hello");
  }

  @Test
  void prints_sealos_shape_with_four_space_indent() throws Exception {
    CliRun.Result result = CliRun.run(root, "inspect", "example/hello:v1");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).as("Name is the reference as typed, as sealos prints it")
        .startsWith("{\n    \"Name\": \"example/hello:v1\",\n    \"FromImageDigest\": \"sha256:");
    assertThat(CliRun.run(root, "inspect", "-f", "{{.Name}}", id.hex().substring(0, 6)).out())
        .as("an ID prefix shows the image's first name").isEqualTo("docker.io/example/hello:v1\n");
    JsonNode json = Json.mapper().readTree(result.out());
    assertThat(json.get("FromImageID").asText()).isEqualTo(id.hex());
    assertThat(json.get("FromImageDigest").asText()).isEqualTo(
        ImageStore.open(root).resolve("docker.io/example/hello:v1").orElseThrow().manifestDescriptor().digest().toString());
    assertThat(json.get("OCIv1").get("config").get("Labels").get("seed").asText()).isEqualTo("hello");
  }

  @Test
  void inspecting_someone_elses_oci_layout_changes_nothing_in_it() throws Exception {
    Path layout = tmp.resolve("layout");
    External.run("skopeo", "copy", "-q", "oci:" + root + ":docker.io/example/hello:v1", "oci:" + layout + ":img");
    List<String> before = filesAndDirectories(layout);

    CliRun.Result result = CliRun.run(root, "inspect", "-f", "{{.FromImageID}}", "oci:" + layout + ":img");

    assertThat(result.out()).as(result.err()).isEqualTo(id.hex() + "\n");
    assertThat(filesAndDirectories(layout)).as("no .tmp, blobs or index written by a read").isEqualTo(before);
  }

  private static List<String> filesAndDirectories(Path dir) throws Exception {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void finds_images_by_id_prefix_and_in_archives_and_layouts() throws Exception {
    Path oci = tmp.resolve("a.oci.tar");
    Path docker = tmp.resolve("a.docker.tar");
    CliRun.run(root, "save", "-o", oci.toString(), "example/hello:v1");
    CliRun.run(root, "save", "-o", docker.toString(), "--format", "docker-archive", "example/hello:v1");
    for (String ref : new String[] {id.hex().substring(0, 4), "sha256:" + id.hex(), "oci-archive:" + oci,
        "docker-archive:" + docker, "oci:" + root + ":docker.io/example/hello:v1"}) {
      CliRun.Result result = CliRun.run(root, "inspect", "-f", "{{.FromImageID}}", ref);
      assertThat(result.out()).as(ref + result.err()).isEqualTo(id.hex() + "\n");
    }
  }

  @Test
  void templates_print_go_values_and_json() {
    assertThat(CliRun.run(root, "inspect", "-f", "{{.OCIv1.config.Labels}}", "example/hello:v1").out())
        .isEqualTo("map[alpha:1 seed:hello]\n");
    assertThat(CliRun.run(root, "inspect", "-f", "name={{.Name}} env={{.OCIv1.config.Env}}", "example/hello:v1").out())
        .isEqualTo("name=example/hello:v1 env=[A=1]\n");
    assertThat(CliRun.run(root, "inspect", "-f", "{{json .OCIv1.config.Labels}}", "example/hello:v1").out())
        .isEqualTo("{\"alpha\":\"1\",\"seed\":\"hello\"}\n");
    assertThat(CliRun.run(root, "inspect", "-f", "{{.OCIv1.config.Missing}}", "example/hello:v1").out())
        .isEqualTo("<no value>\n");
  }

  @Test
  void sealos_forms_with_go_field_names_index_range_and_sprig() {
    assertThat(CliRun.run(root, "inspect", "-f", "{{index .OCIv1.config.Labels \"seed\"}}", "example/hello:v1").out())
        .isEqualTo("hello\n");
    assertThat(CliRun.run(root, "inspect", "-f", "{{index .OCIv1.Config.Labels \"sealos.io.type\"}}|{{.OCIv1.Config.Env}}",
        "example/hello:v1").out()).isEqualTo("|[A=1]\n");
    assertThat(CliRun.run(root, "inspect", "-f", "{{range $k, $v := .OCIv1.Config.Labels}}{{$k}}={{$v}};{{end}}",
        "example/hello:v1").out()).isEqualTo("alpha=1;seed=hello;\n");
    assertThat(CliRun.run(root, "inspect", "-f", "{{ .OCIv1.Config.Labels.seed | upper | quote }} {{len .OCIv1.RootFS.DiffIDs}}",
        "example/hello:v1").out()).matches("\"HELLO\" \\d+\n");
  }

  @Test
  void bad_templates_and_unknown_images_are_clear_errors() {
    assertThat(CliRun.run(root, "inspect", "-f", "{{range .OCIv1.config.Env}}{{.}}", "example/hello:v1").err())
        .isEqualTo("Error: template parsing error: template: format:1: unexpected EOF\n");
    assertThat(CliRun.run(root, "inspect", "-f", "no action", "example/hello:v1").err())
        .isEqualTo("Error: invalid format provided: no action\n");
    // sealos executes the format on its InspectOutput struct, so Go names the field's type, string.
    assertThat(CliRun.run(root, "inspect", "-f", "{{.Name.x}}", "example/hello:v1").err())
        .isEqualTo("Error: template: format:1:7: executing \"format\" at <.Name.x>: can't evaluate field x in type string\n");
    assertThat(CliRun.run(root, "inspect", "nope").err()).isEqualTo("Error: image not known: nope\n");
  }
}
