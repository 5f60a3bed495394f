package io.kubefile.run;

import io.kubefile.run.Clusterfile.SshSpec;
import io.kubefile.ssh.HostAddress;
import io.kubefile.ssh.HostGroup;
import io.kubefile.ssh.SshCredentials;
import io.kubefile.ssh.SshOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Connections to a cluster's hosts from its Clusterfile: {@code spec.ssh}, overridden field by
 * field by a host's {@code ssh}; the dial port is the one of the {@code ip:port} entry (R4).
 * One code path for run, apply, exec, scp and reset.
 */
public final class ClusterAccess {
  private final Clusterfile clusterfile;
  private final SshOptions options;
  private final Path home;

  public ClusterAccess(Clusterfile clusterfile, SshOptions options, Path home) {
    this.clusterfile = clusterfile;
    this.options = options;
    this.home = home;
  }

  public HostGroup connect(Collection<String> addresses) {
    List<HostAddress> parsed = new ArrayList<>();
    for (String address : addresses) {
      HostAddress host = HostAddress.parse(address, 22);
      if (!parsed.contains(host)) {
        parsed.add(host);
      }
    }
    return HostGroup.connect(parsed, this::credentials, options);
  }

  SshCredentials credentials(HostAddress address) {
    SshSpec ssh = clusterfile.ssh();
    for (Clusterfile.HostSpec host : clusterfile.hosts()) {
      if (host.ips().contains(address.toString())) {
        ssh = ssh.overriddenBy(host.ssh());
        break;
      }
    }
    Path key = ssh.pk() == null || ssh.pk().isEmpty() ? home.resolve(".ssh/id_rsa") : Path.of(ssh.pk());
    return new SshCredentials(ssh.user(), ssh.passwd(), key, ssh.pkPasswd());
  }

  public static HostAddress address(String text) {
    return HostAddress.parse(text, 22);
  }
}
