package io.kubefile.registrydir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs skopeo, the containers/image client upstream itself uses to fill {@code registry/}. */
final class Skopeo {
  static final String BINARY = "/usr/bin/skopeo";

  record Result(int exitCode, String output) {}

  private Skopeo() {}

  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(Path.of(BINARY)), BINARY + " is not installed");
  }

  static Result run(Path workDirectory, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY, "--insecure-policy"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Keep skopeo's caches and auth lookups inside the test's directory.
    builder.environment().put("HOME", workDirectory.toString());
    builder.environment().put("XDG_RUNTIME_DIR", workDirectory.toString());
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("skopeo timed out: " + command);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
