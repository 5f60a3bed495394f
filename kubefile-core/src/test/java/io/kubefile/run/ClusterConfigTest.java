package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clusterfile Config documents on an image's files, without hosts (the end-to-end runs are in ApplyClusterfileTest). */
class ClusterConfigTest {
  @TempDir Path work;

  private Map<String, FileManifest.Entry> image(Map<String, String> files) throws Exception {
    Map<String, FileManifest.Entry> entries = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = work.resolve("image").resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
      entries.put(file.getKey(), new FileManifest.Entry('f', 0644, Files.size(path), FileManifest.sha256(path), path));
    }
    return entries;
  }

  @Test
  void aConfigOnATemplateIsRenderedAsSealosAppliesConfigsBeforeRendering() throws Exception {
    Map<String, FileManifest.Entry> files = image(Map.of(
        "etc/kubeadm.yaml.tmpl", "bindPort: {{ .port }}\n",
        "etc/kubeadm.yaml", "bindPort: 6443\n"));
    ClusterConfig config = new ClusterConfig("extra", "test.local/rootfs:v1", "append", "etc/kubeadm.yaml.tmpl",
        "advertise: {{ .address }}\n");
    Path out = work.resolve("cluster/mounts/rootfs.config");

    ClusterConfig.applyAll(List.of(config), "test.local/rootfs:v1", files, out, Map.of("port", "7443", "address", "10.0.0.2"));

    assertThat(files.get("etc/kubeadm.yaml.tmpl").source()).hasContent("bindPort: {{ .port }}\n\nadvertise: {{ .address }}\n");
    FileManifest.Entry rendered = files.get("etc/kubeadm.yaml");
    assertThat(rendered.source()).isEqualTo(out.resolve("etc/kubeadm.yaml"))
        .hasContent("bindPort: 7443\n\nadvertise: 10.0.0.2\n");
    assertThat(rendered.mode()).isEqualTo(0755);
    assertThat(rendered.content()).isEqualTo(FileManifest.sha256(rendered.source()));
    // The extracted image, shared by every cluster, is left as it was.
    assertThat(work.resolve("image/etc/kubeadm.yaml.tmpl")).hasContent("bindPort: {{ .port }}\n");
    assertThat(work.resolve("image/etc/kubeadm.yaml")).hasContent("bindPort: 6443\n");
  }

  @Test
  void aConfigOnAnotherFileRendersNothing() throws Exception {
    Map<String, FileManifest.Entry> files = image(Map.of("etc/app.yaml", "a: 1\n", "opt/notes.tmpl", "{{ .x }}"));
    ClusterConfig config = new ClusterConfig("c", "test.local/app:v1", "override", "opt/notes.tmpl", "{{ .y }}");
    Path out = work.resolve("cluster/mounts/app.config");

    ClusterConfig.applyAll(List.of(config), "test.local/app:v1", files, out, Map.of("y", "1"));

    // opt/ is not a directory sealos renders.
    assertThat(files).doesNotContainKey("opt/notes");
    assertThat(files.get("opt/notes.tmpl").source()).hasContent("{{ .y }}");
  }
}
