package io.kubefile.save;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs skopeo, the containers/image client upstream fills registry/ with, as an independent judge. Public
 * (in the test-jar) for the end-to-end tests of kubefile-cli. */
public final class Skopeo {
  public static final String BINARY = "/usr/bin/skopeo";

  private Skopeo() {}

  public static void assumeInstalled() {
    assumeTrue(Files.isExecutable(Path.of(BINARY)), BINARY + " is not installed");
  }

  /** Runs skopeo and returns its output; fails the test when it exits non-zero. */
  public static String run(Path home, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY, "--insecure-policy"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_RUNTIME_DIR", home.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("skopeo timed out: " + command);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("skopeo " + String.join(" ", arguments) + " failed:\n" + output);
    }
    return output;
  }

  /** The manifest digest skopeo reports for an image in a plain-HTTP registry. */
  public static String digestOf(Path home, String imageInRegistry) throws IOException, InterruptedException {
    return run(home, "inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://" + imageInRegistry).strip();
  }
}
