package io.kubefile.run;

import io.kubefile.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where clusters are remembered: {@code <runtime root>/<cluster>/Clusterfile}, the runtime root
 * being {@code $SEALOS_RUNTIME_ROOT} or {@code ~/.sealos} as for sealos, so either tool finds the
 * other's clusters. Writes are atomic and durable, and readable by the owner only: a Clusterfile may
 * hold the SSH password.
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

  /**
   * The cluster's directory, created if need be readable by its owner only: it holds the Clusterfile
   * (with {@code spec.ssh.passwd} when a password logs in) and the registry's htpasswd. A directory
   * that exists keeps its mode; the Clusterfile itself is written owner-only in any case.
   */
  public Path createClusterDir(String cluster) throws IOException {
    Path dir = clusterDir(cluster);
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir.toAbsolutePath().getParent());
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException raced) {
        // made meanwhile by another command of the same cluster
      } catch (UnsupportedOperationException notPosix) {
        Files.createDirectories(dir);
      }
    }
    return dir;
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
      createClusterDir(clusterfile.name());
      AtomicFiles.writePrivate(path(clusterfile.name()), clusterfile.toYaml().getBytes(StandardCharsets.UTF_8));
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
