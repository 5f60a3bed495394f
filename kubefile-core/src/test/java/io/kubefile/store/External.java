package io.kubefile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real tools (skopeo, umoci) as independent readers of what we write. */
public final class External {
  private External() {}

  public static void assumeInstalled(String tool) {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is not installed");
  }

  /** Runs the command, asserts exit 0 and returns stdout. */
  public static String run(String... command) throws IOException, InterruptedException {
    Result result = runAllowingFailure(command);
    assertThat(result.exitCode()).as("%s failed: %s", List.of(command), result.output()).isZero();
    return result.output();
  }

  public record Result(int exitCode, String output) {}

  public static Result runAllowingFailure(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + List.of(command));
    }
    return new Result(process.exitValue(), output);
  }

  /** A java command running {@code mainClass} with this test JVM's classpath. */
  public static List<String> javaCommand(Class<?> mainClass, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new java.util.ArrayList<>(
        List.of(java, "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(List.of(args));
    return command;
  }
}
