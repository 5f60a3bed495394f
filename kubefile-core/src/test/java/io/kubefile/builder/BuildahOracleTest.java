package io.kubefile.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubefile.image.Platform;
import io.kubefile.lang.parser.SharedFixtures;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds the same contexts with kubefile and with buildah 1.28, unpacks both with umoci and
 * requires the same files (paths, types, modes, owners, link targets, contents) and the same
 * runtime config. Where buildah departs from buildkit by design, buildkit's behaviour is asserted
 * and the difference is named at that spot.
 */
class BuildahOracleTest {
  private static final String OURS = "docker.io/test/oracle:v1";

  @TempDir Path tmp;
  private Buildah buildah;

  @BeforeEach
  void requireTools() {
    Buildah.assumeInstalled();
    buildah = new Buildah(tmp.resolve("buildah"));
  }

  static Stream<String> corpusCases() {
    return Stream.of("metrics-server-v0.6.1", "rocketmq-operator-4.5.0", "openebs-v1.9.0",
        "kafka-operator-0.37.0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusCases")
  void a_corpus_cluster_image_has_the_files_and_config_buildah_gives_it(String name) throws Exception {
    Path source = SharedFixtures.shared().resolve("corpus/cluster-image").resolve(name);
    Path context = ClusterImageCorpusBuildTest.writableCopy(source, tmp.resolve("ctx"));

    Comparison c = buildBoth(context, name);

    assertThat(c.ours.lines()).containsExactlyElementsOf(c.theirs.lines());
    assertSameRuntimeConfig(c);
  }

  @Test
  void copy_edge_cases_give_the_files_buildah_gives() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    write(ctx, "a.txt", "a\n", "rw-r--r--");
    write(ctx, "b.txt", "b\n", "rw-r--r--");
    write(ctx, "exe.sh", "#!/bin/sh\n", "rwxr-xr-x");
    write(ctx, "secret", "s\n", "rw-------");
    write(ctx, "dir/x", "x\n", "rw-r--r--");
    write(ctx, "dir/sub/y", "y\n", "rw-r--r--");
    Files.setPosixFilePermissions(ctx.resolve("dir/sub"), PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(ctx.resolve("dir/link"), Path.of("x"));
    Files.createSymbolicLink(ctx.resolve("dir/sub/up"), Path.of("../../a.txt"));
    write(ctx, "other/ignored.log", "i\n", "rw-r--r--");
    write(ctx, "other/keep.log", "k\n", "rw-r--r--");
    write(ctx, ".dockerignore", "other/*.log\n!other/keep.log\n", "rw-r--r--");
    gzipTar(ctx.resolve("archive.tar.gz"), "t/f", "from the archive\n");
    write(ctx, "Kubefile", """
        FROM scratch AS base
        COPY a.txt /base/a.txt
        COPY dir /base/dir
        FROM scratch
        WORKDIR /work/here
        COPY a.txt /f1
        COPY a.txt /d1/
        COPY a.txt b.txt /d2/
        COPY *.txt /glob/
        COPY dir /copied
        COPY dir nested/
        COPY exe.sh secret /modes/
        COPY other /other
        COPY --chmod=0640 a.txt /chmod/a
        COPY --chown=1000:1000 dir /owned
        COPY --from=base /base /frombase
        ADD archive.tar.gz /unpacked/
        LABEL a=b
        ENV X=1 Y="two words"
        CMD ["run"]
        ENTRYPOINT ["/bin/sh"]
        USER 1000:1000
        EXPOSE 8080/tcp 53/udp
        VOLUME /data
        """, "rw-r--r--");

    Comparison c = buildBoth(ctx, "copy-edges");

    // buildah creates VOLUME directories in the image (its ensureVolumePath); buildkit only records
    // the volume in the config, and so do we.
    assertThat(c.ours.contains("data")).as("VOLUME creates no directory").isFalse();
    assertThat(c.ours.lines()).containsExactlyElementsOf(c.theirs.without("data").lines());
    assertSameRuntimeConfig(c);
  }

  @Test
  void workdir_chown_and_existing_destinations_give_the_files_buildah_gives() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    write(ctx, "f", "f\n", "rw-r--r--");
    write(ctx, "d/g", "g\n", "rw-r--r--");
    write(ctx, "d/inner/h", "h\n", "rw-r--r--");
    write(ctx, "priv/p", "p\n", "rw-------");
    Files.setPosixFilePermissions(ctx.resolve("priv"), PosixFilePermissions.fromString("rwx------"));
    write(ctx, "Kubefile", """
        FROM scratch
        WORKDIR /only/here
        USER 1000
        WORKDIR /as/user
        USER 0
        COPY --chown=1000:1000 f /chowned/deep/
        COPY --chmod=0700 f /chmodded/deep/
        COPY f /existing/
        COPY f /existing
        COPY f /afile
        COPY d /x/y/z
        COPY f rel
        COPY priv /privcopy
        COPY --chown=1000:1000 priv /privowned/
        """, "rw-r--r--");

    Comparison c = buildBoth(ctx, "workdir-chown");

    // Both buildkit (fsutil MkdirAll(0755, chown)) and buildah create missing parents 0755, owned by
    // the --chown user, and never with the --chmod mode; a directory's contents land in a new 0755
    // directory whatever the source directory's mode. KUBEFILE_SEMANTICS.md's "or with the --chmod
    // mode" is not what either does.
    assertThat(c.ours.lines()).containsExactlyElementsOf(c.theirs.lines());
    assertSameRuntimeConfig(c);
  }

  // ------------------------------------------------------------------ helpers

  private record Comparison(FileTree ours, FileTree theirs, JsonNode ourConfig, JsonNode theirConfig) {}

  private Comparison buildBoth(Path context, String name) throws Exception {
    Path storeDir = tmp.resolve("store");
    KubefileBuilder.forContext(context)
        .store(ImageStore.open(storeDir))
        .platform(Platform.parse("linux/amd64"))
        .timestamp(Instant.ofEpochSecond(1_700_000_000))
        .identityLabel("test")
        .tag(OURS)
        .build();
    Path instructionFile = InstructionFileLocator.locate(context, null, w -> {});
    String image = buildah.build(context, instructionFile, name);
    Path theirLayout = tmp.resolve("buildah-layout");
    buildah.pushToLayout(image, theirLayout, "v1");

    FileTree ours = FileTree.unpack(storeDir, OURS, tmp.resolve("ours-bundle"));
    FileTree theirs = FileTree.unpack(theirLayout, "v1", tmp.resolve("their-bundle"));
    return new Comparison(ours, theirs, OciLayoutImage.open(storeDir, OURS).config(),
        OciLayoutImage.open(theirLayout, "v1").config());
  }

  /** Env minus PATH, Labels minus the builders' own, and the other runtime fields, compared as JSON. */
  private static void assertSameRuntimeConfig(Comparison c) {
    assertThat(runtimeFields(c.ourConfig)).isEqualTo(runtimeFields(c.theirConfig));
  }

  private static ObjectNode runtimeFields(JsonNode image) {
    JsonNode config = image.path("config");
    ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    var env = out.putArray("Env");
    config.path("Env").forEach(e -> {
      if (!e.asText().startsWith("PATH=")) {
        env.add(e.asText());
      }
    });
    ObjectNode labels = out.putObject("Labels");
    config.path("Labels").fields().forEachRemaining(e -> {
      if (!List.of("io.buildah.version", KubefileBuilder.IDENTITY_LABEL).contains(e.getKey())) {
        labels.set(e.getKey(), e.getValue());
      }
    });
    for (String field : List.of("Cmd", "Entrypoint", "WorkingDir", "User", "ExposedPorts", "Volumes")) {
      JsonNode value = config.path(field);
      boolean absent = value.isMissingNode() || value.isNull() || value.isTextual() && value.asText().isEmpty()
          || value.isContainerNode() && value.isEmpty() && !field.equals("Cmd");
      if (!absent) {
        out.set(field, value);
      }
    }
    return out;
  }

  private static void write(Path root, String path, String content, String permissions) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
  }

  private static void gzipTar(Path target, String path, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try (OutputStream file = Files.newOutputStream(target);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
      TarArchiveEntry dir = new TarArchiveEntry(path.substring(0, path.indexOf('/') + 1));
      dir.setMode(040755);
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      TarArchiveEntry entry = new TarArchiveEntry(path);
      entry.setMode(0100644);
      entry.setSize(bytes.length);
      tar.putArchiveEntry(entry);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
  }
}
