package io.kubefile.run;

import io.kubefile.ssh.Shell;

/**
 * Commands that edit a host's {@code /etc/hosts}: lines naming the domain are dropped, then
 * {@code <ip> <domain>} is appended (what {@code sealctl hosts add} does). The file is rewritten in
 * place, not replaced, so a bind-mounted {@code /etc/hosts} (containers, namespaces) stays the same file.
 */
final class HostsFile {
  private HostsFile() {}

  static String removeCommand(String domain) {
    return "t=$(mktemp) && awk -v d=" + Shell.quote(domain) + " '{for(i=2;i<=NF;i++) if($i==d) next} {print}' /etc/hosts > \"$t\""
        + " && cat \"$t\" > /etc/hosts && rm -f \"$t\"";
  }

  static String addCommand(String ip, String domain) {
    return removeCommand(domain) + " && echo " + Shell.quote(ip + " " + domain) + " >> /etc/hosts";
  }
}
