package io.kubefile.run;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a cluster lives on its hosts (sealos's layout, so scripts written for sealos find their
 * files): {@code <data root>/data/<cluster>/rootfs}, application workdirs under
 * {@code applications/<name>/workdir}, and Kubefile's sync records under {@code .kubefile/}.
 */
public record RemotePaths(String dataRoot, String cluster) {
  public static final String DEFAULT_DATA_ROOT = "/var/lib/sealos";
  /** The variable sealos reads its data root from ({@code pkg/system/env.go}). */
  public static final String DATA_ROOT_VARIABLE = "SEALOS_DATA_ROOT";
  private static final Pattern SAFE_ROOT = Pattern.compile("/[A-Za-z0-9._/-]*");

  /**
   * The data root of {@code cluster}: the one recorded in its Clusterfile when it was installed (the
   * default for a cluster saved before it was recorded), so that a later command finds its files
   * whatever its own environment says (a {@code sudo} that drops the variable, say); {@code given}
   * (null: not set) for a new cluster. Setting another one for an installed cluster is an error:
   * reset would clean nothing and run would install a second copy.
   */
  public static String dataRootFor(Clusterfile cluster, boolean installed, String given) {
    if (!installed) {
      return given == null ? DEFAULT_DATA_ROOT : given;
    }
    // Checked as a given one is: an edited Clusterfile's value goes into host commands too.
    String recorded = cluster.dataRoot() == null ? DEFAULT_DATA_ROOT
        : checked(cluster.dataRoot(), "the Clusterfile's metadata.annotations." + Clusterfile.DATA_ROOT_ANNOTATION);
    if (given != null && !given.equals(recorded)) {
      throw new RunException("cluster " + cluster.name() + " has its files under " + recorded + " on its hosts (as its Clusterfile"
          + " records), but " + DATA_ROOT_VARIABLE + " is " + given + ": unset it, or set it to " + recorded);
    }
    return recorded;
  }

  /**
   * {@value #DATA_ROOT_VARIABLE} from {@code env}, or null when it is not set. It is part of
   * commands run on the hosts (as it is in sealos's, which quote nothing), so only an absolute path
   * of letters, digits, {@code . _ -} and {@code /} without {@code ..} is taken; anything else is an
   * error naming the variable, before any host is contacted.
   */
  public static String givenDataRoot(Map<String, String> env) {
    String value = env.get(DATA_ROOT_VARIABLE);
    return value == null || value.isBlank() ? null : checked(value, DATA_ROOT_VARIABLE);
  }

  private static String checked(String value, String where) {
    String root = value.length() > 1 && value.endsWith("/") ? value.replaceAll("/+$", "") : value;
    if (!SAFE_ROOT.matcher(root).matches() || root.equals("/") || Arrays.asList(root.split("/")).contains("..")) {
      throw new RunException(where + " must be an absolute directory of letters, digits, '.', '_', '-' and '/'"
          + " (it is part of the commands run on the hosts), not \"" + value + "\"");
    }
    return root;
  }

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
