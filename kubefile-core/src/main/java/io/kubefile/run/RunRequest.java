package io.kubefile.run;

import io.kubefile.run.Clusterfile.SshSpec;
import java.util.List;
import java.util.Map;

/**
 * What {@code run} (or {@code apply}) asks for.
 *
 * @param cluster the cluster name ({@code default})
 * @param images image references or archive paths, in install order
 * @param masters {@code ip:port} addresses of masters for a new cluster (empty: this machine)
 * @param nodes {@code ip:port} addresses of nodes for a new cluster
 * @param ssh SSH settings given on the command line, overriding the Clusterfile's field by field (null: none)
 * @param env {@code --env} values
 * @param cmd {@code --cmd}: replaces CMD of the application images of this run (empty: keep)
 * @param force install again images that are already installed
 * @param clusterfile a Clusterfile given with {@code apply -f} (null for run)
 * @param configFiles {@code --config-file}: YAML documents (Config, …) to add to the Clusterfile, by file name
 */
public record RunRequest(
    String cluster, List<String> images, List<String> masters, List<String> nodes, SshSpec ssh,
    Map<String, String> env, List<String> cmd, boolean force, Clusterfile clusterfile, Map<String, String> configFiles) {

  public RunRequest(String cluster, List<String> images, List<String> masters, List<String> nodes, SshSpec ssh,
      Map<String, String> env, List<String> cmd, boolean force, Clusterfile clusterfile) {
    this(cluster, images, masters, nodes, ssh, env, cmd, force, clusterfile, Map.of());
  }
}
