package io.kubefile.cli;

import io.kubefile.run.AddressList;
import io.kubefile.run.ResetPipeline;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubefile delete}: cleans hosts and removes them from the cluster (R31). */
@Command(name = "delete", description = "Remove masters or nodes from a cluster: clean scripts and its data removed on them (not master0).")
public final class DeleteCommand implements Callable<Integer> {
  @Mixin ClusterOption cluster;
  @Mixin SshFlags ssh;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--masters", paramLabel = "LIST", description = "Masters to remove: ip[:port], A-B ranges, CIDRs, comma-separated.")
  String masters;

  @Option(names = "--nodes", paramLabel = "LIST", description = "Nodes to remove, as --masters.")
  String nodes;

  @Option(names = {"-f", "--force"}, description = "Remove hosts that cannot be connected to from the cluster without cleaning them"
      + " (a machine that is gone); without it they stay, for a later delete. Delete never asks.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    List<String> addresses = new ArrayList<>(AddressList.parse(masters, ssh.defaultPort()));
    addresses.addAll(AddressList.parse(nodes, ssh.defaultPort()));
    PrintStream out = LinePrintStream.of(spec.commandLine().getOut());
    new ResetPipeline(ClusterOption.clusterfiles(), ssh.options(), SshFlags.home(), out, Clock.systemUTC())
        .sshFlags(ssh.spec())
        .syncWorkdir(RunEnvironment.syncWorkdir())
        .dataRoot(RunEnvironment.dataRoot())
        .dropUnreachable(force)
        .delete(cluster.cluster, addresses);
    return 0;
  }
}
