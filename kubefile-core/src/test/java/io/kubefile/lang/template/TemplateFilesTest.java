package io.kubefile.lang.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .tmpl rendering with sealos's rules (SEALOS_COMPAT §6.4, fixtures/sealos/derived/08-tmpl-render). */
class TemplateFilesTest {
  @TempDir
  Path dir;

  private Path write(String relative, String text) throws Exception {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void sealos_template_fixture_renders_with_host_env_over_cluster_env() throws Exception {
    write("etc/test.yaml.tmpl", "{{ .foo }}\n{{ .IP }}");
    Map<String, String> env = Map.of("IP", "127.0.0.2", "key", "bar", "foo", "bar xxx ddd fffff");

    assertThat(TemplateFiles.renderAll(dir, env)).containsExactly(dir.resolve("etc/test.yaml"));

    assertThat(dir.resolve("etc/test.yaml")).hasContent("bar xxx ddd fffff\n127.0.0.2");
    assertThat(dir.resolve("etc/test.yaml.tmpl")).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("etc/test.yaml"))))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void rendering_into_another_directory_leaves_the_images_files_as_they_are(@TempDir Path out) throws Exception {
    write("etc/test.yaml.tmpl", "{{ .foo }}");
    write("etc/test.yaml", "from the image");

    assertThat(TemplateFiles.renderAll(dir, Map.of("foo", "cluster one"), out)).containsExactly(out.resolve("etc/test.yaml"));

    assertThat(out.resolve("etc/test.yaml")).hasContent("cluster one");
    assertThat(dir.resolve("etc/test.yaml")).as("the shared image files are not written").hasContent("from the image");
    assertThat(out.resolve("etc/test.yaml.tmpl")).doesNotExist();
  }

  @Test
  void sealos_shim_fixture_takes_the_branch_its_env_selects() throws Exception {
    String shim = "address: http://{{ .registryDomain }}:{{ .registryPort }}\n"
        + "{{ if not .SEALOS_SYS_KUBE_VERSION }}sync: 0{{ else }}{{ if and (ne .SEALOS_SYS_KUBE_VERSION \"\") "
        + "(semverCompare \"^1.26.0\" .SEALOS_SYS_KUBE_VERSION) }}version: v1{{ else }}version: v1alpha2{{ end }}{{ end  }}\n"
        + "auth: {{ .registryUsername }}:{{ .registryPassword }}\n";
    write("etc/image-cri-shim.yaml.tmpl", shim);
    Map<String, String> env = Map.of("registryDomain", "sealos.hub", "registryPort", "5000",
        "registryUsername", "admin", "registryPassword", "passw0rd");

    TemplateFiles.renderAll(dir, env);
    assertThat(dir.resolve("etc/image-cri-shim.yaml"))
        .hasContent("address: http://sealos.hub:5000\nsync: 0\nauth: admin:passw0rd\n");

    TemplateFiles.renderAll(dir, Map.of("SEALOS_SYS_KUBE_VERSION", "v1.26.0"));
    assertThat(Files.readString(dir.resolve("etc/image-cri-shim.yaml"))).contains("version: v1\n");
    TemplateFiles.renderAll(dir, Map.of("SEALOS_SYS_KUBE_VERSION", "v1.25.0"));
    assertThat(Files.readString(dir.resolve("etc/image-cri-shim.yaml"))).contains("version: v1alpha2\n");
  }

  @Test
  void only_etc_scripts_and_manifests_are_rendered_and_existing_targets_replaced() throws Exception {
    write("manifests/deep/a.yaml.tmpl", "ns: {{ .NS }}");
    write("manifests/deep/a.yaml", "old");
    write("scripts/init.sh.tmpl", "echo {{ .missing }}");
    write("charts/x.yaml.tmpl", "{{ .NS }}");
    write("other.tmpl", "{{ .NS }}");

    TemplateFiles.renderAll(dir, Map.of("NS", "prod"));

    assertThat(dir.resolve("manifests/deep/a.yaml")).hasContent("ns: prod");
    assertThat(dir.resolve("scripts/init.sh")).hasContent("echo <no value>");
    assertThat(dir.resolve("charts/x.yaml")).doesNotExist();
    assertThat(dir.resolve("other")).doesNotExist();
  }

  @Test
  void a_bad_template_names_file_and_line_and_writes_nothing() throws Exception {
    write("manifests/bad.yaml.tmpl", "ok\n{{ if .x }}\n");
    write("manifests/bad.yaml", "before");

    assertThatThrownBy(() -> TemplateFiles.renderAll(dir, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template: manifests/bad.yaml.tmpl:3: unexpected EOF");
    assertThat(dir.resolve("manifests/bad.yaml")).hasContent("before");
    try (var files = Files.list(dir.resolve("manifests"))) {
      assertThat(files).hasSize(2);
    }
  }

  @Test
  void a_template_linked_outside_the_images_files_is_refused_and_nothing_is_read(@TempDir Path outside) throws Exception {
    Path secret = Files.writeString(outside.resolve("credentials"), "aws_secret_access_key=xyz\n");
    Files.createDirectories(dir.resolve("etc"));
    Files.createSymbolicLink(dir.resolve("etc/x.tmpl"), secret);

    assertThatThrownBy(() -> TemplateFiles.renderAll(dir, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessage("cannot render etc/x.tmpl: it is a symbolic link to " + secret.toRealPath()
            + ", which is not a file of the image");
    assertThat(dir.resolve("etc/x")).doesNotExist();
  }

  @Test
  void a_template_linked_to_another_file_of_the_image_renders_that_file() throws Exception {
    write("etc/real.yaml.tmpl", "port: {{ .port }}\n");
    Files.createSymbolicLink(dir.resolve("etc/alias.yaml.tmpl"), Path.of("real.yaml.tmpl"));

    TemplateFiles.renderAll(dir, Map.of("port", "5000"));

    assertThat(dir.resolve("etc/alias.yaml")).hasContent("port: 5000\n");
    assertThat(dir.resolve("etc/real.yaml")).hasContent("port: 5000\n");
  }

  @Test
  void a_template_link_that_resolves_nowhere_names_the_template() throws Exception {
    Files.createDirectories(dir.resolve("scripts"));
    Files.createSymbolicLink(dir.resolve("scripts/gone.sh.tmpl"), Path.of("missing.sh.tmpl"));

    assertThatThrownBy(() -> TemplateFiles.renderAll(dir, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("cannot render scripts/gone.sh.tmpl: it is a symbolic link that does not resolve (");
  }
}
