package io.kubefile.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the real CLI in a child JVM, as a user runs it: its own process for signals and SIGKILL, and
 * an environment the test controls (no locale, for instance).
 */
final class CliProcess {
  private CliProcess() {}

  /** A started {@code kubefile ARGS...} on the store at {@code root} ({@code KUBEFILE_ROOT}) with stdout and stderr merged. */
  static Process start(Path root, Map<String, String> env, boolean clearEnv, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), KubefileCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (clearEnv) {
      String path = System.getenv("PATH");
      String home = System.getenv("HOME");
      builder.environment().clear();
      builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
      if (home != null) {
        builder.environment().put("HOME", home);
      }
    }
    builder.environment().put("KUBEFILE_ROOT", root.toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Runs {@code kubefile ARGS...} to its end with {@code env} added to this process's environment; stdout and stderr apart. */
  static CliRun.Result run(Path root, Map<String, String> env, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("kubefile-out", ".txt");
    Path err = Files.createTempFile("kubefile-err", ".txt");
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"), KubefileCommand.class.getName()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().put("KUBEFILE_ROOT", root.toString());
      builder.environment().putAll(env);
      int status = builder.start().waitFor();
      return new CliRun.Result(status, Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Process start(Path root, String... args) throws IOException {
    return start(root, Map.of(), false, args);
  }
}
