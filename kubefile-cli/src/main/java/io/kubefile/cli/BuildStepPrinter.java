package io.kubefile.cli;

import io.kubefile.builder.BuildProgress;
import io.kubefile.builder.BuildResult;
import io.kubefile.builder.MultiPlatformResult;
import io.kubefile.image.Platform;
import java.io.PrintWriter;
import java.util.List;

/**
 * A build's steps in buildah's shape, so people coming from {@code buildah bud}/{@code sealos build}
 * read familiar output: {@code STEP n/m: INSTRUCTION} per instruction as written ({@code [s/k] }
 * in front when there are several stages), {@code COMMIT name}, {@code --> short ID}, then {@code
 * Successfully tagged} per name. Unlike buildah it all goes to stderr, so that stdout carries only
 * the image ID and {@code id=$(kubefile build ...)} works with or without {@code -q}.
 */
final class BuildStepPrinter implements BuildProgress {
  /** buildah's short image ID in the {@code -->} line. */
  private static final int SHORT_ID = 11;

  private final PrintWriter err;

  BuildStepPrinter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void step(Step step) {
    print(prefix(step.stage(), step.stages()) + "STEP " + step.step() + "/" + step.steps() + ": "
        + step.instruction().original());
  }

  @Override
  public void committing(int stage, int stages, List<String> names) {
    print(prefix(stage, stages) + "COMMIT" + (names.isEmpty() ? "" : " " + names.get(0)));
  }

  /** The lines after the image is written: its short ID and its names. */
  void committed(BuildResult result) {
    print("--> " + result.imageId().hex().substring(0, SHORT_ID));
    for (String name : result.names()) {
      print("Successfully tagged " + name);
    }
  }

  /** A multi-platform build's end: each platform's manifest, the names, the index. */
  void committed(MultiPlatformResult result, List<Platform> platforms) {
    for (int i = 0; i < platforms.size(); i++) {
      print(platforms.get(i) + ": " + result.platforms().get(i).manifest().digest());
    }
    result.names().forEach(n -> print("Successfully tagged " + n));
    print("index " + result.index().digest());
  }

  private static String prefix(int stage, int stages) {
    return stages > 1 ? "[" + stage + "/" + stages + "] " : "";
  }

  private void print(String line) {
    err.println(line);
    err.flush();
  }
}
