package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.layer.LayerEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyPlannerTest {
  @TempDir Path context;
  private ContextTree tree;

  @BeforeEach
  void layout() throws Exception {
    Files.createDirectories(context.resolve("manifests/sub"));
    Files.writeString(context.resolve("manifests/a.yaml"), "a");
    Files.writeString(context.resolve("manifests/sub/b.yaml"), "b");
    Files.writeString(context.resolve("init.sh"), "echo");
    Files.writeString(context.resolve("secret.txt"), "s");
    Files.createSymbolicLink(context.resolve("manifests/link"), Path.of("a.yaml"));
    tree = new ContextTree(context, p -> !p.equals("secret.txt"));
  }

  private List<String> plan(List<String> sources, String dest) throws Exception {
    CopyRequest req = new CopyRequest(tree, sources, dest, null, null, null, p -> false,
        (pattern, name) -> name.matches(pattern.replace(".", "\\.").replace("*", ".*")));
    return new CopyPlanner(new SnapshotTree("stage")).plan(req).stream()
        .map(e -> e.path() + (e.type() == LayerEntry.Type.DIRECTORY ? "/" : "")
            + (e.type() == LayerEntry.Type.SYMLINK ? "->" + e.linkTarget() : ""))
        .sorted().collect(Collectors.toList());
  }

  @Test
  void aDirectoryCopiesItsContents() throws Exception {
    assertThat(plan(List.of("manifests"), "/deploy")).containsExactly(
        "deploy/", "deploy/a.yaml", "deploy/link->a.yaml", "deploy/sub/", "deploy/sub/b.yaml");
  }

  @Test
  void aFileWithoutTrailingSlashIsWrittenAsTheDestination() throws Exception {
    assertThat(plan(List.of("init.sh"), "/opt/run.sh")).containsExactly("opt/", "opt/run.sh");
    assertThat(plan(List.of("init.sh"), "/opt/run/")).containsExactly("opt/", "opt/run/", "opt/run/init.sh");
  }

  @Test
  void sourcesAreClampedToTheContextRoot() throws Exception {
    assertThat(plan(List.of("../../init.sh"), "/x/")).containsExactly("x/", "x/init.sh");
  }

  @Test
  void wildcardsMatchPerComponentAndMayMatchNothing() throws Exception {
    assertThat(plan(List.of("manifests/*.yaml"), "/m/")).containsExactly("m/", "m/a.yaml");
    assertThat(plan(List.of("nothing*"), "/m/")).containsExactly("m/");
  }

  @Test
  void aMissingOrIgnoredLiteralSourceIsAnErrorNamingIt() {
    assertThatThrownBy(() -> plan(List.of("missing.txt"), "/x"))
        .isInstanceOf(BuildException.class).hasMessageContaining("\"missing.txt\": not found in build context");
    assertThatThrownBy(() -> plan(List.of("secret.txt"), "/x"))
        .hasMessageContaining("\"secret.txt\": not found");
  }
}
