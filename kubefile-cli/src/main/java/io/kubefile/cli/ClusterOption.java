package io.kubefile.cli;

import io.kubefile.run.ClusterfileStore;
import picocli.CommandLine.Option;

/** {@code -c/--cluster}, and where clusters are remembered ($SEALOS_RUNTIME_ROOT or ~/.sealos). */
public final class ClusterOption {
  @Option(names = {"-c", "--cluster"}, paramLabel = "NAME", defaultValue = "default", description = "Cluster name (default: default).")
  String cluster;

  static ClusterfileStore clusterfiles() {
    return new ClusterfileStore(ClusterfileStore.defaultRuntimeRoot(System.getenv(), SshFlags.home()));
  }
}
