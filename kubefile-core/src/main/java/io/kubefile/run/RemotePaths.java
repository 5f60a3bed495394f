package io.kubefile.run;

/**
 * Where a cluster lives on its hosts (sealos's layout, so scripts written for sealos find their
 * files): {@code <data root>/data/<cluster>/rootfs}, application workdirs under
 * {@code applications/<name>/workdir}, and Kubefile's sync records under {@code .kubefile/}.
 */
public record RemotePaths(String dataRoot, String cluster) {
  public static final String DEFAULT_DATA_ROOT = "/var/lib/sealos";

  public String clusterDir() {
    return dataRoot + "/data/" + cluster;
  }

  public String rootfs() {
    return clusterDir() + "/rootfs";
  }

  public String registry() {
    return rootfs() + "/registry";
  }

  public String workdir(String mountName) {
    return clusterDir() + "/applications/" + mountName + "/workdir";
  }

  public String state(String what) {
    return clusterDir() + "/.kubefile/" + what + ".files";
  }
}
