package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.image.Digest;
import io.kubefile.store.ImageStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY and ADD never read outside the build context: a symbolic link on the way to a source is
 * followed only while it stays inside (issue #12 item 1: {@code ln -s /etc ctx/etc} and
 * {@code COPY etc/hostname /x} put the host's file into the image).
 */
@Tag("reliability")
class ContextSymlinkTest {
  private static final String SECRET = "host secret, never in an image";

  @TempDir Path tmp;
  private Path outside;
  private Path context;
  private ImageStore store;

  @BeforeEach
  void layout() throws IOException {
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("hostname"), SECRET);
    Files.write(outside.resolve("a.tar"), tarWith("leaked", SECRET));
    context = Files.createDirectories(tmp.resolve("ctx"));
    Files.createDirectories(context.resolve("real/sub"));
    Files.writeString(context.resolve("real/file"), "inside");
    Files.writeString(context.resolve("real/sub/deep"), "deep inside");
    store = ImageStore.open(tmp.resolve("store"));
  }

  private Map<String, String> build(String kubefile) throws IOException {
    Files.writeString(context.resolve("Kubefile"), kubefile);
    KubefileBuilder.forContext(context).store(store).tag("docker.io/test/links:v1").build();
    return layerFiles();
  }

  private void assertRefused(String kubefile, String message) throws IOException {
    Files.writeString(context.resolve("Kubefile"), kubefile);
    assertThatThrownBy(() -> KubefileBuilder.forContext(context).store(store).tag("docker.io/test/links:v1")
        .build())
        .isInstanceOf(BuildException.class)
        .hasMessage(message);
    assertThat(store.indexEntries()).isEmpty();
  }

  /** Path → content (or "-> target") of every file in every layer of the built image. */
  private Map<String, String> layerFiles() throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (String digest : OciLayoutImage.open(store.root(), "docker.io/test/links:v1").layerDigests()) {
      try (var in = Files.newInputStream(store.blobPath(Digest.parse(digest)));
          var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(in)) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          if (e.isSymbolicLink()) {
            files.put(e.getName(), "-> " + e.getLinkName());
          } else if (e.isFile()) {
            files.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return files;
  }

  private static byte[] tarWith(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(data.length);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  @Test
  void aPathThroughAnAbsoluteLinkOutOfTheContextIsRefusedNamingTheLink() throws IOException {
    Files.createSymbolicLink(context.resolve("etc"), outside);
    assertRefused("FROM scratch\nCOPY etc/hostname /x\n",
        "Kubefile:2: COPY failed: symbolic link etc points outside the build context (to " + outside + ")");
  }

  @Test
  void aPathThroughARelativeLinkOutOfTheContextIsRefused() throws IOException {
    Files.createSymbolicLink(context.resolve("up"), Path.of("../outside"));
    assertRefused("FROM scratch\nCOPY up/hostname /x\n",
        "Kubefile:2: COPY failed: symbolic link up points outside the build context (to ../outside)");
  }

  @Test
  void aLinkDeeperInThePathIsCheckedToo() throws IOException {
    Files.createSymbolicLink(context.resolve("real/sub/escape"), Path.of("../../../outside"));
    assertRefused("FROM scratch\nCOPY real/sub/escape/hostname /x\n",
        "Kubefile:2: COPY failed: symbolic link real/sub/escape points outside the build context"
            + " (to ../../../outside)");
  }

  @Test
  void aLinkNamedAsTheSourceIsFollowedOnlyInside() throws IOException {
    Files.createSymbolicLink(context.resolve("linkfile"), outside.resolve("hostname"));
    assertRefused("FROM scratch\nCOPY linkfile /x\n",
        "Kubefile:2: COPY failed: symbolic link linkfile points outside the build context (to "
            + outside.resolve("hostname") + ")");
    Files.createSymbolicLink(context.resolve("linkdir"), outside);
    assertRefused("FROM scratch\nCOPY linkdir /d\n",
        "Kubefile:2: COPY failed: symbolic link linkdir points outside the build context (to " + outside + ")");
  }

  @Test
  void addOfAnArchiveThroughALinkOutOfTheContextIsRefused() throws IOException {
    Files.createSymbolicLink(context.resolve("archives"), outside);
    assertRefused("FROM scratch\nADD archives/a.tar /x/\n",
        "Kubefile:2: ADD failed: symbolic link archives points outside the build context (to " + outside + ")");
  }

  @Test
  void linksThatLoopAreRefused() throws IOException {
    Files.createSymbolicLink(context.resolve("a"), Path.of("b"));
    Files.createSymbolicLink(context.resolve("b"), Path.of("a"));
    assertRefused("FROM scratch\nCOPY a/file /x\n",
        "Kubefile:2: COPY failed: symbolic link a in the build context: too many levels of symbolic links");
  }

  @Test
  void aWildcardDoesNotDescendThroughALinkOutOfTheContext() throws IOException {
    Files.createSymbolicLink(context.resolve("etc"), outside);
    Map<String, String> files = build("FROM scratch\nCOPY e*/hostname real/file /x/\n");
    assertThat(files).containsOnly(Map.entry("x/file", "inside"));
  }

  @Test
  void linksThatStayInsideAreFollowedAsBuildkitDoes() throws IOException {
    Files.createSymbolicLink(context.resolve("alias"), Path.of("real"));
    Files.createSymbolicLink(context.resolve("absolute"), context.resolve("real/sub"));
    Files.createSymbolicLink(context.resolve("real/sub/back"), Path.of("../file"));
    Map<String, String> files = build("""
        FROM scratch
        COPY alias/file /a
        COPY absolute/deep /b
        COPY alias/sub/back /c
        """);
    assertThat(files).containsOnly(
        Map.entry("a", "inside"), Map.entry("b", "deep inside"), Map.entry("c", "inside"));
  }

  @Test
  void aLinkInsideACopiedDirectoryIsCopiedAsALinkNotRead() throws IOException {
    Files.createSymbolicLink(context.resolve("real/host"), outside.resolve("hostname"));
    Map<String, String> files = build("FROM scratch\nCOPY real /r\n");
    assertThat(files).containsEntry("r/host", "-> " + outside.resolve("hostname"))
        .doesNotContainValue(SECRET);
  }

  @Test
  void anIgnoredDirectoryStaysIgnoredWhenReachedThroughALink() throws IOException {
    Files.writeString(context.resolve(".dockerignore"), "real/sub\n");
    Files.createSymbolicLink(context.resolve("alias"), Path.of("real/sub"));
    assertRefused("FROM scratch\nCOPY alias/deep /x\n",
        "Kubefile:2: COPY failed: \"alias/deep\": not found in build context (or excluded by an ignore file)");
  }
}
