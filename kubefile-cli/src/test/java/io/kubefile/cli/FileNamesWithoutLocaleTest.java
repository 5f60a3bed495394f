package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Digest;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names are bytes: the same context gives the same image whatever the locale, and a name that
 * cannot be represented fails the build naming its directory instead of vanishing from the layer
 * (issue #12 item 9). The real CLI runs in a child process whose environment has no LANG or LC_*.
 */
@Tag("reliability")
class FileNamesWithoutLocaleTest {
  @TempDir Path tmp;

  record Run(int exitCode, String output) {}

  private Run build(Path root, Path context, Map<String, String> env) throws Exception {
    Process p = CliProcess.start(root, env, true, "build", "--timestamp", "0", "-t", "example/names:v1",
        context.toString());
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), output);
  }

  private Path context(String... names) throws IOException {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.createDirectories(ctx.resolve("files/deeper"));
    for (String name : names) {
      Files.writeString(ctx.resolve("files").resolve(name), name);
    }
    Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\nCOPY files /files\n");
    return ctx;
  }

  private static Digest imageId(Path root) throws IOException {
    return ImageStore.open(root).list().get(0).id();
  }

  @Test
  void nonAsciiNamesBuildTheSameImageWithAndWithoutALocale() throws Exception {
    Path ctx = context("caf\u00e9.txt", "\u65e5\u672c.yaml", "with space.txt", "emoji-\ud83d\ude80", "tab\tname");

    Run noLocale = build(tmp.resolve("store-none"), ctx, Map.of());
    Run utf8 = build(tmp.resolve("store-utf8"), ctx, Map.of("LANG", "C.UTF-8"));

    assertThat(noLocale.exitCode()).as(noLocale.output()).isZero();
    assertThat(utf8.exitCode()).as(utf8.output()).isZero();
    assertThat(imageId(tmp.resolve("store-none"))).isEqualTo(imageId(tmp.resolve("store-utf8")));
  }

  @Test
  void aNameThatIsNotUtf8FailsNamingItsDirectory() throws Exception {
    Path ctx = context("ok.txt");
    Process touch = new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'files/deeper/bad\\377name')\"")
        .directory(ctx.toFile()).start();
    assertThat(touch.waitFor()).isZero();

    Run run = build(tmp.resolve("store"), ctx, Map.of("LANG", "C.UTF-8"));

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("Error: Kubefile:2: COPY failed: a file name in files/deeper/ cannot be read"
        + " as UTF-8 (\"bad\ufffdname\"); rename it, or run Kubefile with a UTF-8 locale");
  }
}
