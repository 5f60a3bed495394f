package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive the launcher makes ({@code kubefile-cli/class-archive}) for the packaged CLI:
 * it maps (with {@code -Xshare:on}, which refuses to start otherwise) and holds picocli's classes,
 * whose Java 5 class files JDK 17's dynamic archives leave out, so every command loaded and verified
 * them from the jar.
 */
class ClassArchiveIT {
  @TempDir Path dir;

  @Test
  void theArchiveOfTheWarmUpRunHoldsPicocliAndTheCommandsThatStartEveryRun() throws Exception {
    Path jar = Path.of(System.getProperty("kubefile.cliJar"));
    Path archive = dir.resolve("kubefile.jsa");
    Result made = run(List.of("bash", System.getProperty("kubefile.classArchiveScript"), jar.toString(), archive.toString()));
    assertThat(made.exit).as(made.output).isZero();
    assertThat(archive).isRegularFile();

    Result version = run(List.of(javaBinary(), "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-XX:+UseSerialGC",
        "-Xlog:class+load=info", "-jar", jar.toString(), "--version"));
    assertThat(version.exit).as(version.output).isZero();
    assertThat(version.output).contains("kubefile version ")
        .contains("picocli.CommandLine source: shared objects file")
        .contains("io.kubefile.cli.KubefileCommand source: shared objects file")
        .doesNotContain("picocli.CommandLine source: file:")
        // Every class came from the archive: no jar of the class path was searched. picocli's
        // lookup of Groovy's Closure class opened all of them (~30 ms of every command).
        .doesNotContain("jdk.internal.loader.URLClassPath$JarLoader ");
  }

  @Test
  void theCliCopiesOfBouncyCastleAreUnsignedSoConnectingVerifiesNoSignatureAndTheArchiveHoldsThem() throws Exception {
    Path jar = Path.of(System.getProperty("kubefile.cliJar"));
    List<Path> bouncyCastle;
    try (var jars = Files.list(jar.resolveSibling("lib"))) {
      bouncyCastle = jars.filter(p -> p.getFileName().toString().startsWith("bc")).sorted().toList();
    }
    assertThat(bouncyCastle).extracting(p -> p.getFileName().toString().replaceAll("-[0-9.]+\\.jar$", ""))
        .containsExactly("bcpkix-jdk18on", "bcprov-jdk18on", "bcutil-jdk18on");
    for (Path bc : bouncyCastle) {
      try (java.util.jar.JarFile file = new java.util.jar.JarFile(bc.toFile())) {
        assertThat(file.stream().map(java.util.zip.ZipEntry::getName))
            .as(bc.toString()).noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"));
        assertThat(file.getManifest().getMainAttributes().getValue("Multi-Release")).as(bc.toString()).isEqualTo("true");
        assertThat(file.getManifest().getEntries()).as(bc.toString()).isEmpty();
      }
    }

    Path archive = dir.resolve("kubefile.jsa");
    Result made = run(List.of("bash", System.getProperty("kubefile.classArchiveScript"), jar.toString(), archive.toString()));
    assertThat(made.exit).as(made.output).isZero();
    Result dictionary = run(List.of(javaBinary(), "-XX:SharedArchiveFile=" + archive, "-XX:+UseSerialGC",
        "-XX:+PrintSharedArchiveAndExit", "-XX:+PrintSharedDictionary", "-jar", jar.toString()));
    // The post-quantum key exchanges' classes MINA loads on every connection (the warm-up connects).
    assertThat(dictionary.output).contains("org.bouncycastle.pqc.crypto.KEMParameters");
    // A second run of an installed image (the warm-up makes one): the whole command is ~0.35 s.
    assertThat(dictionary.output).contains("io.kubefile.run.RunPipeline").contains("io.kubefile.run.ClusterLock")
        .contains("io.kubefile.cli.RunEnvironment");
  }

  @Test
  void aJarThatCannotRunTheWarmUpGivesNoArchiveAndSaysWhy() throws Exception {
    Path archive = dir.resolve("kubefile.jsa");
    Files.writeString(archive, "stale");
    Result made = run(List.of("bash", System.getProperty("kubefile.classArchiveScript"),
        dir.resolve("missing.jar").toString(), archive.toString()));
    assertThat(made.exit).isEqualTo(1);
    assertThat(made.output).startsWith("class-archive: the warm-up run failed:");
    assertThat(archive).doesNotExist();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private record Result(int exit, String output) {}

  private Result run(List<String> command) throws IOException, InterruptedException {
    Path log = dir.resolve("log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
