package io.kubefile.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, offline Maven run of a sample project, against a local repository that holds this build's
 * plugin and library (installed the way {@code mvn install} lays them out) and, by symbolic links,
 * everything else of the outer build's local repository: the sample build resolves the plugin and
 * its dependencies offline, from a clean ~/.m2 populated only by the outer build, without touching
 * the shared ~/.m2's io/kubefile.
 */
final class MavenRun {
  record Result(int exitCode, String log) {}

  private static final String GROUP = "io/kubefile";

  private final Path localRepository;

  private MavenRun(Path localRepository) {
    this.localRepository = localRepository;
  }

  /** Prepares the local repository under {@code dir}. */
  static MavenRun prepare(Path dir) throws IOException {
    Path outer = Path.of(System.getProperty("kubefile.localRepository"));
    Path repo = Path.of(System.getProperty("kubefile.repo"));
    String version = System.getProperty("kubefile.version");
    Path local = Files.createDirectories(dir.resolve("local-repository"));
    linkAllBut(outer, local, "io");
    if (Files.isDirectory(outer.resolve("io"))) {
      linkAllBut(outer.resolve("io"), Files.createDirectories(local.resolve("io")), "kubefile");
    }
    install(local, "kubefile-parent", version, repo.resolve("pom.xml"), null);
    install(local, "kubefile-core", version, repo.resolve("kubefile-core/pom.xml"),
        repo.resolve("kubefile-core/target/kubefile-core-" + version + ".jar"));
    install(local, "kubefile-maven-plugin", version, repo.resolve("kubefile-maven-plugin/pom.xml"),
        Path.of(System.getProperty("kubefile.pluginJar")));
    return new MavenRun(local);
  }

  private static void linkAllBut(Path from, Path to, String except) throws IOException {
    try (Stream<Path> entries = Files.list(from)) {
      for (Path entry : entries.toList()) {
        if (!entry.getFileName().toString().equals(except)) {
          Files.createSymbolicLink(to.resolve(entry.getFileName().toString()), entry);
        }
      }
    }
  }

  private static void install(Path local, String artifact, String version, Path pom, Path jar) throws IOException {
    Path dir = Files.createDirectories(local.resolve(GROUP).resolve(artifact).resolve(version));
    Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      assertThat(jar).as("built by this reactor before the integration tests").exists();
      Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** {@code mvn -B -o ARGS} in {@code project}; the log is returned, not asserted. */
  Result run(Path project, String... args) throws IOException, InterruptedException {
    String home = System.getProperty("maven.home");
    List<String> command = new ArrayList<>(List.of(home == null ? "mvn" : Path.of(home, "bin", "mvn").toString(),
        "-B", "-o", "-Dmaven.repo.local=" + localRepository));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(project, "maven", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("MAVEN_ARGS");
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException("mvn did not finish in 5 minutes: " + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
