package io.kubefile.run;

import io.kubefile.KubefileException;
import io.kubefile.ssh.HostAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a Clusterfile's hosts and SSH settings, checked when it is read, so that a mistake
 * is reported naming the file and the entry before any image is pulled or host contacted. Without
 * it a host entry without {@code ips} (or with {@code ips} not a list) vanished and the run failed
 * with "has no master host", an address listed as master and as node was installed twice, and a
 * port that is not a number surfaced as a bare {@code NumberFormatException} message; and a
 * {@code spec.image}, {@code spec.env} or {@code spec.command} written as a single value rather
 * than a list was read as empty, so the images, env or commands were silently lost.
 */
final class ClusterfileCheck {
  private ClusterfileCheck() {}

  static void check(Map<?, ?> cluster, String source) {
    if (!(cluster.get("spec") instanceof Map<?, ?> spec)) {
      return;
    }
    for (String field : List.of("image", "env", "command")) {
      requireList(spec.get(field), source + ": spec." + field);
    }
    if (spec.get("ssh") instanceof Map<?, ?> ssh) {
      checkPort(ssh, source + ": spec.ssh.port");
    }
    Object hosts = spec.get("hosts");
    if (hosts == null) {
      return;
    }
    if (!(hosts instanceof List<?> list)) {
      throw new RunException(source + ": spec.hosts must be a list");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = source + ": spec.hosts[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> host)) {
        throw new RunException(where + " must be a mapping with ips and roles");
      }
      if (!(host.get("ips") instanceof List<?> ips) || ips.isEmpty()) {
        throw new RunException(where + " has no ips (a list of ip[:port])");
      }
      if (host.get("roles") != null && !(host.get("roles") instanceof List<?>)) {
        throw new RunException(where + ".roles must be a list");
      }
      requireList(host.get("env"), where + ".env");
      // A registry-only entry may name a master again; a host that is master and node, or listed
      // twice, would get every file and command twice.
      boolean installsFiles = host.get("roles") instanceof List<?> roles && (roles.contains("master") || roles.contains("node"));
      for (Object ip : ips) {
        HostAddress address;
        try {
          address = HostAddress.parse(String.valueOf(ip), 22);
        } catch (KubefileException e) {
          throw new RunException(where + ".ips: " + e.getMessage());
        }
        if (installsFiles && !seen.add(address.toString())) {
          throw new RunException(where + ".ips: has duplicate ip " + address + " (already a master or node above)");
        }
      }
      if (host.get("ssh") instanceof Map<?, ?> ssh) {
        checkPort(ssh, where + ".ssh.port");
      }
    }
  }

  /** A field that holds a list, when it is there at all; a single value is a mistake, not an empty list. */
  private static void requireList(Object value, String where) {
    if (value != null && !(value instanceof List<?>)) {
      throw new RunException(where + " must be a list (\"- " + value + "\" on its own line), not \"" + value + "\"");
    }
  }

  private static void checkPort(Map<?, ?> ssh, String where) {
    Object port = ssh.get("port");
    if (port == null) {
      return;
    }
    int value;
    try {
      value = Integer.parseInt(port.toString().strip());
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value < 1 || value > 65535) {
      throw new RunException(where + ": \"" + port + "\" is not a port number (1-65535)");
    }
  }
}
