package io.kubefile.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files of a later image stacked on those of earlier ones, as overlayfs stacks layers. */
class FileOverlayTest {

  private static FileManifest.Entry dir() {
    return new FileManifest.Entry('d', 0755, 0, "", null);
  }

  private static FileManifest.Entry file(String content) {
    return new FileManifest.Entry('f', 0644, content.length(), content, null);
  }

  private static FileManifest.Entry link(String target) {
    return new FileManifest.Entry('l', 0777, 0, target, null);
  }

  private static Map<String, FileManifest.Entry> rootfs() {
    Map<String, FileManifest.Entry> files = new LinkedHashMap<>();
    files.put("etc", dir());
    files.put("etc/registry.yml", file("registry"));
    files.put("etc/conf.d", dir());
    files.put("etc/conf.d/a.conf", file("a"));
    files.put("etc-other", dir());
    files.put("etc-other/kept.txt", file("kept"));
    files.put("bin", dir());
    files.put("bin/tool", file("tool"));
    return files;
  }

  private static Map<String, FileManifest.Entry> stacked(Map<String, FileManifest.Entry> upper) {
    Map<String, FileManifest.Entry> merged = rootfs();
    FileOverlay.stack(merged, upper);
    return merged;
  }

  @Test
  void aSymlinkOverADirectoryHidesEverythingTheDirectoryHeld() {
    Map<String, FileManifest.Entry> merged = stacked(Map.of("etc", link("/tmp/outside")));
    assertThat(merged).containsOnlyKeys("etc", "etc-other", "etc-other/kept.txt", "bin", "bin/tool");
    assertThat(merged.get("etc")).isEqualTo(link("/tmp/outside"));
  }

  @Test
  void aFileOverADirectoryHidesEverythingTheDirectoryHeld() {
    Map<String, FileManifest.Entry> merged = stacked(Map.of("etc/conf.d", file("now a file")));
    assertThat(merged).containsOnlyKeys("etc", "etc/registry.yml", "etc/conf.d", "etc-other", "etc-other/kept.txt", "bin",
        "bin/tool");
    assertThat(merged.get("etc/conf.d")).isEqualTo(file("now a file"));
  }

  @Test
  void aDirectoryOverAFileOrSymlinkReplacesIt() {
    Map<String, FileManifest.Entry> merged = rootfs();
    merged.put("opt", link("/opt"));
    merged.put("bin/tool", file("tool"));
    FileOverlay.stack(merged, Map.of("opt", dir(), "opt/x", file("x"), "bin/tool", dir(), "bin/tool/real", file("real")));
    assertThat(merged.get("opt")).isEqualTo(dir());
    assertThat(merged.get("bin/tool")).isEqualTo(dir());
    assertThat(merged).containsKeys("opt/x", "bin/tool/real");
  }

  @Test
  void aDirectoryOverADirectoryMergesThem() {
    Map<String, FileManifest.Entry> merged = stacked(Map.of("etc", dir(), "etc/registry.yml", file("patched"), "etc/new.txt",
        file("new")));
    assertThat(merged).containsOnlyKeys("etc", "etc/registry.yml", "etc/conf.d", "etc/conf.d/a.conf", "etc/new.txt",
        "etc-other", "etc-other/kept.txt", "bin", "bin/tool");
    assertThat(merged.get("etc/registry.yml")).isEqualTo(file("patched"));
  }

  @Test
  void anEntryUnderALowerSymlinkWithoutItsDirectoryStillReplacesTheSymlink() {
    Map<String, FileManifest.Entry> merged = rootfs();
    merged.put("opt", link("/opt"));
    FileOverlay.stack(merged, Map.of("opt/config.yaml", file("from a Config document")));
    assertThat(merged).doesNotContainKey("opt").containsKey("opt/config.yaml");
  }

  @Test
  void aFileOverAFileOrASymlinkOverASymlinkIsAPlainReplacement() {
    Map<String, FileManifest.Entry> merged = rootfs();
    merged.put("bin/tool-link", link("tool"));
    FileOverlay.stack(merged, Map.of("bin/tool", file("new tool"), "bin/tool-link", link("other")));
    assertThat(merged.get("bin/tool")).isEqualTo(file("new tool"));
    assertThat(merged.get("bin/tool-link")).isEqualTo(link("other"));
    assertThat(merged).hasSize(rootfs().size() + 1);
  }
}
