package io.kubefile.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A context directory seen through its ignore file. */
class BuildContextTest {

  @TempDir Path dir;

  private void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void anIgnoredFileIsInvisible() throws IOException {
    write(".dockerignore", "secret.txt\n");
    write("secret.txt", "s");
    write("app.yaml", "a");
    BuildContext context = BuildContext.open(dir, "Kubefile");
    assertThat(context.isIncluded("secret.txt")).isFalse();
    assertThat(context.isIncluded("/app.yaml")).isTrue();
    assertThat(context.includedFiles(".")).containsExactly(".dockerignore", "app.yaml");
  }

  /** Issue #12 item 2: this walk never finished with the backtracking matcher (the timeout only guards CI). */
  @Test
  @Timeout(60)
  void aPathologicalPatternOverLongNamesDoesNotHang() throws IOException {
    write(".dockerignore", "*a*a*a*a*a*a*a*a*a*a*b\n");
    for (int i = 1; i <= 60; i++) {
      write("a".repeat(60 + i), "");
    }
    BuildContext context = BuildContext.open(dir, "Kubefile");
    assertThat(context.includedFiles(".")).hasSize(61);
  }

  @Test
  void anExceptionReincludesAFile() throws IOException {
    write(".dockerignore", "*.log\n!keep.log\n");
    write("a.log", "");
    write("keep.log", "");
    BuildContext context = BuildContext.open(dir, "Kubefile");
    assertThat(context.includedFiles(".")).containsExactly(".dockerignore", "keep.log");
  }

  @Test
  void aMatchingParentDirectoryHidesEverythingInside() throws IOException {
    write(".dockerignore", "build\n");
    write("build/out/app.jar", "");
    write("src/build.txt", "");
    BuildContext context = BuildContext.open(dir, "Kubefile");
    assertThat(context.isIncluded("build/out/app.jar")).isFalse();
    assertThat(context.walk(".")).extracting(ContextEntry::path)
        .containsExactly(".dockerignore", "src", "src/build.txt");
  }

  @Test
  void anExceptionInsideAnIgnoredDirectoryBringsBackTheDirectoryToo() throws IOException {
    write(".dockerignore", "charts\n!charts/app/values.yaml\n");
    write("charts/app/values.yaml", "");
    write("charts/app/Chart.yaml", "");
    write("charts/other/x", "");
    BuildContext context = BuildContext.open(dir, "Kubefile");
    assertThat(context.walk("charts")).extracting(ContextEntry::path, ContextEntry::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("charts/app", ContextEntry.Kind.DIRECTORY),
        org.assertj.core.groups.Tuple.tuple("charts/app/values.yaml", ContextEntry.Kind.FILE));
  }

  @Test
  void theKubefileSpecificIgnoreFileWinsOverTheSharedOnes() throws IOException {
    write("Kubefile.dockerignore", "a\n");
    write(".dockerignore", "b\n");
    write(".containerignore", "c\n");
    IgnoreRules rules = IgnoreRules.forContext(dir, "Kubefile");
    assertThat(rules.source()).contains(dir.resolve("Kubefile.dockerignore"));
    assertThat(rules.patterns()).containsExactly("a");
  }

  @Test
  void dockerignoreComesBeforeContainerignore() throws IOException {
    write(".dockerignore", "b\n");
    write(".containerignore", "c\n");
    assertThat(IgnoreRules.forContext(dir, "Kubefile").patterns()).containsExactly("b");
    Files.delete(dir.resolve(".dockerignore"));
    assertThat(IgnoreRules.forContext(dir, "Kubefile").patterns()).containsExactly("c");
    Files.delete(dir.resolve(".containerignore"));
    assertThat(IgnoreRules.forContext(dir, "Kubefile").source()).isEmpty();
  }

  @Test
  void aKubefileInASubdirectoryHasItsIgnoreFileNextToIt() throws IOException {
    write("deploy/Kubefile.dockerignore", "x\n");
    assertThat(IgnoreRules.forContext(dir, "deploy/Kubefile").patterns()).containsExactly("x");
  }

  @Test
  void aBadIgnoreFileNamesTheFile() throws IOException {
    write(".dockerignore", "ok\n!\n");
    assertThatThrownBy(() -> IgnoreRules.forContext(dir, "Kubefile"))
        .isInstanceOf(BadPatternException.class)
        .hasMessageContaining(".dockerignore")
        .hasMessageContaining("illegal exclusion pattern");
  }

  @Test
  void walkIsSortedByNameAndDoesNotFollowSymlinks() throws IOException {
    write("b/2", "");
    write("b/10", "");
    write("a", "");
    write("target/inside", "");
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("target"));
    BuildContext context = new BuildContext(dir, IgnoreRules.none());
    List<ContextEntry> entries = context.walk(".");
    assertThat(entries).extracting(ContextEntry::path)
        .containsExactly("a", "b", "b/10", "b/2", "link", "target", "target/inside");
    assertThat(entries.get(4).kind()).isEqualTo(ContextEntry.Kind.SYMLINK);
  }

  @Test
  void walkingAFileReturnsJustThatFile() throws IOException {
    write("m/app.yaml", "");
    BuildContext context = new BuildContext(dir, IgnoreRules.of(List.of("m/other")));
    assertThat(context.includedFiles("m/app.yaml")).containsExactly("m/app.yaml");
    assertThatThrownBy(() -> context.walk("missing")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void pathsOutsideTheContextAreRefused() {
    BuildContext context = new BuildContext(dir, IgnoreRules.none());
    assertThatThrownBy(() -> context.isIncluded("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    assertThat(context.isIncluded("a/../b")).isTrue();
  }
}
