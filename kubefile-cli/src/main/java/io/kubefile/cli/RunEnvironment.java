package io.kubefile.cli;

import io.kubefile.run.ExecutionTimeout;
import io.kubefile.run.RemotePaths;
import io.kubefile.run.RunException;
import io.kubefile.run.RunPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What run, apply, add, delete, reset and create take from the environment (sealos's knobs) and from {@code --config-file}. */
final class RunEnvironment {
  private RunEnvironment() {}

  /** {@code SEALOS_EXECUTION_TIMEOUT} (R23), {@code SEALOS_SYNC_WORKDIR} (R24) and {@code SEALOS_DATA_ROOT}. */
  static RunPipeline configure(RunPipeline pipeline) {
    Map<String, String> env = System.getenv();
    return pipeline.executionTimeout(ExecutionTimeout.fromEnvironment(env)).syncWorkdir(syncWorkdir()).dataRoot(dataRoot());
  }

  /**
   * {@code SEALOS_DATA_ROOT}: where a new cluster's files go on the hosts (default /var/lib/sealos),
   * as sealos; null when not set. An installed cluster's own is recorded in its Clusterfile.
   */
  static String dataRoot() {
    return RemotePaths.givenDataRoot(System.getenv());
  }

  /** {@code SEALOS_SYNC_WORKDIR} (R24): whether the masters get the saved Clusterfile; anything but false means yes. */
  static boolean syncWorkdir() {
    return !"false".equalsIgnoreCase(System.getenv().getOrDefault("SEALOS_SYNC_WORKDIR", "true").strip());
  }

  /** The {@code --config-file} files, by name, in order. */
  static Map<String, String> readConfigFiles(List<Path> files) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (files != null) {
      for (Path file : files) {
        try {
          out.put(file.toString(), Files.readString(file));
        } catch (NoSuchFileException e) {
          throw new RunException(file + ": no such --config-file");
        }
      }
    }
    return out;
  }
}
