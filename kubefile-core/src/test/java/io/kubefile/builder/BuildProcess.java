package io.kubefile.builder;

import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import java.nio.file.Path;

/**
 * A build in a JVM of its own, for the cross-process tests: {@code BuildProcess STORE CONTEXT TAG}.
 * Prints the image ID (config digest hex) on success, the error message and exit 1 on failure.
 */
public final class BuildProcess {
  private BuildProcess() {}

  public static void main(String[] args) throws Exception {
    try {
      BuildResult result = KubefileBuilder.forContext(Path.of(args[1]))
          .store(ImageStore.open(Path.of(args[0])))
          .platform(Platform.parse("linux/amd64"))
          .tag(args[2])
          .progress(new BuildProgress() {
            @Override
            public void step(Step step) {
              System.out.println("step: " + step.instruction().original());
              System.out.flush();
            }
          })
          .build();
      System.out.println(result.imageId().hex());
    } catch (BuildException e) {
      System.out.println("error: " + e.getMessage());
      System.exit(1);
    }
  }
}
