package io.kubefile.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --roles} and {@code --ips} of exec and scp: which hosts of the cluster (default all). */
public final class HostSelection {
  @Option(names = {"-r", "--roles"}, paramLabel = "ROLE", split = ",", description = "Only hosts with these roles (master, node, registry).")
  List<String> roles;

  @Option(names = "--ips", paramLabel = "IP", split = ",", description = "Only these addresses (ip or ip:port; an ip alone gets --port, default 22).")
  List<String> ips;

  List<String> roles() {
    return roles == null ? List.of() : roles;
  }

  List<String> ips() {
    return ips == null ? List.of() : ips;
  }
}
