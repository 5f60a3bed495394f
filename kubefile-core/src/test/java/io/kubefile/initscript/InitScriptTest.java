package io.kubefile.initscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.ImageReference;
import io.kubefile.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build --init}: init.sh runs per platform in a copy-on-write working copy; whatever it does
 * (append to, chmod, delete or replace files), the user's directory stays byte for byte the same.
 */
class InitScriptTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64");

  @TempDir Path tmp;

  private Path context(String script) throws IOException {
    Path ctx = Files.createDirectories(tmp.resolve("user ctx, with: odd chars"));
    Files.createDirectories(ctx.resolve("manifests"));
    Files.writeString(ctx.resolve("manifests/app.yaml"), "kind: ConfigMap\n");
    Files.createDirectories(ctx.resolve("charts/old"));
    Files.writeString(ctx.resolve("charts/old/Chart.yaml"), "name: old\n");
    Files.writeString(ctx.resolve("delete-me"), "x");
    Files.writeString(ctx.resolve("big.bin"), "0123456789".repeat(10_000));
    Files.createSymbolicLink(ctx.resolve("link"), Path.of("manifests/app.yaml"));
    Files.writeString(ctx.resolve(InitScript.FILE_NAME), script);
    return ctx;
  }

  @Test
  void writes_in_place_chmod_deletes_and_replaced_directories_never_reach_the_users_directory()
      throws Exception {
    Path ctx = context("""
        set -e
        echo "# appended by $1" >> manifests/app.yaml
        cp /dev/null big.bin.tmp && rm big.bin.tmp
        chmod 700 delete-me && rm delete-me
        rm -rf charts/old && mkdir charts/old && echo "name: new" > charts/old/Chart.yaml
        chmod +x manifests
        mkdir -p opt/$1 && echo "helm $1" > opt/$1/helm
        printf 'FROM scratch\\nCOPY . .\\n' > Kubefile
        """);
    Map<String, String> before = snapshot(ctx);

    WorkingCopy working = InitScript.forContext(ctx, "labring/helm:v3.8.2", List.of())
        .run(ARM64, tmp.resolve("work"), line -> {});
    Path copy = working.path();

    assertThat(snapshot(ctx)).as("the user's directory").isEqualTo(before);
    assertThat(Files.readString(copy.resolve("manifests/app.yaml")))
        .isEqualTo("kind: ConfigMap\n# appended by arm64\n");
    assertThat(copy.resolve("delete-me")).doesNotExist();
    assertThat(Files.readString(copy.resolve("charts/old/Chart.yaml"))).isEqualTo("name: new\n");
    assertThat(Files.readString(copy.resolve("opt/arm64/helm"))).isEqualTo("helm arm64\n");
    assertThat(copy.resolve("Kubefile")).exists();
    assertThat(Files.readSymbolicLink(copy.resolve("link"))).isEqualTo(Path.of("manifests/app.yaml"));
    assertThat(Files.isSameFile(copy.resolve("big.bin"), ctx.resolve("big.bin")))
        .as("an unchanged file is a hard link, not a copy").isTrue();
    assertThat(working.locate(ctx.resolve("Kubefile"))).isEqualTo(copy.resolve("Kubefile"));
    working.close();
    assertThat(tmp.resolve("work")).doesNotExist();
    assertThat(snapshot(ctx)).as("the user's directory after the copy is gone").isEqualTo(before);
  }

  @Test
  void an_invalid_tag_is_refused_quoting_it() throws Exception {
    Path ctx = context("true\n");

    assertThatThrownBy(() -> InitScript.forContext(ctx, "Bad Name:v1", List.of()))
        .isInstanceOf(ImageReference.InvalidReferenceException.class)
        .hasMessage("invalid image reference \"Bad Name:v1\": invalid reference format");
  }

  @Test
  void the_script_gets_arch_name_and_version_from_the_first_tag_then_the_init_args() throws Exception {
    Path ctx = context("echo \"$@\" > args\n");
    InitScript script = InitScript.forContext(ctx, "docker.io/labring/helm:v3.8.2", List.of("--mirror", "x"));

    Path amd = script.run(AMD64, tmp.resolve("amd"), line -> {}).path();
    Path arm = script.run(ARM64, tmp.resolve("arm"), line -> {}).path();

    assertThat(Files.readString(amd.resolve("args"))).isEqualTo("amd64 helm v3.8.2 --mirror x\n");
    assertThat(Files.readString(arm.resolve("args"))).isEqualTo("arm64 helm v3.8.2 --mirror x\n");
    assertThat(InitScript.forContext(ctx, "helm", List.of()).arguments(AMD64))
        .as("no tag: latest").containsExactly("amd64", "helm", "latest");
  }

  @Test
  void a_failing_script_is_an_error_with_its_output_and_the_users_directory_is_unchanged()
      throws Exception {
    Path ctx = context("echo downloading helm for $1\necho 'curl: (6) Could not resolve host' >&2\n"
        + "echo changed >> manifests/app.yaml\nexit 3\n");
    Map<String, String> before = snapshot(ctx);
    List<String> printed = new ArrayList<>();

    assertThatThrownBy(() -> InitScript.forContext(ctx, "helm:v1", List.of())
        .run(ARM64, tmp.resolve("work"), printed::add))
        .isInstanceOf(InitScriptException.class)
        .hasMessage(ctx.resolve("init.sh") + " failed for linux/arm64 (bash init.sh arm64 helm v1,"
            + " exit code 3); its output:\n  downloading helm for arm64\n"
            + "  curl: (6) Could not resolve host");
    assertThat(printed).containsExactly("downloading helm for arm64", "curl: (6) Could not resolve host");
    assertThat(snapshot(ctx)).isEqualTo(before);
    assertThat(tmp.resolve("work")).as("no working copy or scratch is left behind").doesNotExist();
  }

  @Test
  void a_context_without_init_sh_or_a_build_without_a_tag_is_an_error_saying_what_to_do()
      throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> InitScript.forContext(empty, "helm:v1", List.of()))
        .hasMessage("--init: there is no init.sh in " + empty);
    Path ctx = context("true\n");
    assertThatThrownBy(() -> InitScript.forContext(ctx, null, List.of()))
        .hasMessage("--init needs a name for init.sh's <name> and <version> arguments:"
            + " give the image one with -t NAME:VERSION");
  }

  /** Every entry under {@code root}: type, mode, mtime and content digest or link target. */
  static Map<String, String> snapshot(Path root) throws Exception {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        String time = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toString();
        String what;
        if (Files.isSymbolicLink(p)) {
          what = "symlink " + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          what = "dir";
        } else {
          what = "file " + HexFormat.of().formatHex(
              MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        }
        entries.put(root.relativize(p).toString(), what + " " + mode + " " + time);
      }
    }
    return entries;
  }
}
