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
 * field by the SSH flags of the command, then by a host's {@code ssh}; the dial port is the one of
 * the {@code ip:port} entry (R4). One code path for run, apply, add, delete, exec, scp and reset.
 *
 * <p>The flags take the place of {@code spec.ssh}'s fields as sealos's {@code OverSSHConfig} does
 * for {@code reset} ({@code -p NEW} after the hosts' password changed), and a host's own {@code ssh}
 * still wins, as in sealos: a host added with its own user and password (by {@code add -u -p})
 * keeps them when a flag changes the cluster's default. Whether the flags are also saved is the
 * command's business: {@code run} merges them into {@code spec.ssh} and {@code add} gives them to
 * the hosts it adds (as sealos); {@code reset}, {@code delete}, {@code exec} and {@code scp} use them
 * for that command only, as sealos's reset (whose Clusterfile is only moved aside) and the others,
 * which take no SSH flags there, save nothing of them.
 */
public final class ClusterAccess {
  private final Clusterfile clusterfile;
  private final SshSpec flags;
  private final SshOptions options;
  private final Path home;

  public ClusterAccess(Clusterfile clusterfile, SshOptions options, Path home) {
    this(clusterfile, null, options, home);
  }

  /** {@code flags}: the SSH flags given (fields left null were not given), or null for none. */
  public ClusterAccess(Clusterfile clusterfile, SshSpec flags, SshOptions options, Path home) {
    this.clusterfile = clusterfile;
    this.flags = flags;
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
    SshSpec ssh = clusterfile.ssh().overriddenBy(flags);
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
