package io.kubefile.run;

import io.kubefile.ssh.FileTransfer;
import io.kubefile.ssh.HostAddress;
import io.kubefile.ssh.HostGroup;
import io.kubefile.ssh.LocalAddresses;
import io.kubefile.ssh.Shell;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * R24: after {@code run}, {@code apply}, {@code add} and {@code delete} the saved Clusterfile is
 * copied to the same path on every master (sealos's {@code syncWorkdir}; off with
 * {@code SEALOS_SYNC_WORKDIR=false}), so sealos or Kubefile run on a master knows the cluster as it
 * now is. Only the Clusterfile: extracted image files stay on this machine. A master that is this
 * machine already has it.
 */
final class ClusterfileSync {
  private final ClusterfileStore clusterfiles;
  private final boolean enabled;

  ClusterfileSync(ClusterfileStore clusterfiles, boolean enabled) {
    this.clusterfiles = clusterfiles;
    this.enabled = enabled;
  }

  /**
   * The command that removes the copy, and the cluster's directory around it, from {@code host}
   * ({@code reset} and {@code delete}, as sealos removes {@code <runtime root>/<cluster>} on hosts,
   * whether or not it was synced this time); null for this machine, whose directory reset keeps
   * for the Clusterfile it moves aside.
   */
  String removal(HostAddress host, String cluster) {
    if (LocalAddresses.isLocal(host.host())) {
      return null;
    }
    return "rm -rf " + Shell.quote(clusterfiles.clusterDir(cluster).toAbsolutePath().toString());
  }

  /** Copies the Clusterfile to the masters of {@code cluster}; every one of them must be in {@code group}. */
  void toMasters(HostGroup group, Clusterfile cluster) {
    if (!enabled) {
      return;
    }
    byte[] content = cluster.toYaml().getBytes(StandardCharsets.UTF_8);
    String target = clusterfiles.path(cluster.name()).toAbsolutePath().toString();
    List<HostAddress> masters = cluster.hostsWithRole("master").stream().map(ClusterAccess::address).distinct().toList();
    group.onEach(masters, host -> {
      if (!LocalAddresses.isLocal(host.address().host())) {
        try (FileTransfer transfer = host.transfer()) {
          transfer.file(content, target, 0600);
          transfer.commit();
        }
      }
      return null;
    });
  }
}
