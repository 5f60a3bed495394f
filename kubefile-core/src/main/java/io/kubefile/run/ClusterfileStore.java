package io.kubefile.run;

import io.kubefile.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where clusters are remembered: {@code <runtime root>/<cluster>/Clusterfile}, the runtime root
 * being {@code $SEALOS_RUNTIME_ROOT} or {@code ~/.sealos} as for sealos, so either tool finds the
 * other's clusters. Writes are atomic.
 */
public final class ClusterfileStore {
  private final Path runtimeRoot;

  public ClusterfileStore(Path runtimeRoot) {
    this.runtimeRoot = runtimeRoot;
  }

  public static Path defaultRuntimeRoot(Map<String, String> env, Path home) {
    String root = env.get("SEALOS_RUNTIME_ROOT");
    return root == null || root.isEmpty() ? home.resolve(".sealos") : Path.of(root);
  }

  public Path clusterDir(String cluster) {
    if (cluster == null || cluster.isEmpty()) {
      throw new RunException("cluster name can not be empty");
    }
    // The name is a directory here and on every host, written unquoted into the commands sent.
    if (!cluster.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new RunException("invalid cluster name \"" + cluster + "\"");
    }
    return runtimeRoot.resolve(cluster);
  }

  public Path path(String cluster) {
    return clusterDir(cluster).resolve("Clusterfile");
  }

  public Optional<Clusterfile> load(String cluster) {
    Path file = path(cluster);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Clusterfile.parse(Files.readString(file), file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the Clusterfile, unless {@link #load} would refuse it: a file that does not load locks
   * every later command of the cluster out, {@code reset} included, until it is edited by hand,
   * while the one already saved is still a working record of the cluster.
   */
  public void save(Clusterfile clusterfile) {
    clusterfile.check("cannot write " + path(clusterfile.name()));
    try {
      AtomicFiles.write(path(clusterfile.name()), clusterfile.toYaml().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RunException("cannot write " + path(clusterfile.name()) + ": " + e.getMessage(), e);
    }
  }

  /** Moves the Clusterfile aside as {@code Clusterfile.<unix seconds>} (reset); returns the new path. */
  public Path moveAside(String cluster, Instant now) {
    Path file = path(cluster);
    Path aside = file.resolveSibling("Clusterfile." + now.getEpochSecond());
    try {
      Files.move(file, aside);
      return aside;
    } catch (IOException e) {
      throw new RunException("cannot move " + file + " aside: " + e.getMessage(), e);
    }
  }
}
