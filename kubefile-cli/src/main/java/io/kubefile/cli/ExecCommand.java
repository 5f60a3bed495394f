package io.kubefile.cli;

import io.kubefile.run.ClusterCommands;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code kubefile exec}: a shell command on the hosts of a cluster, in parallel. */
@Command(name = "exec", description = "Run a shell command on the hosts of a cluster (all, or by --roles / --ips), in parallel.")
public final class ExecCommand implements Callable<Integer> {
  @Mixin ClusterOption cluster;
  @Mixin SshFlags ssh;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-r", "--roles"}, paramLabel = "ROLE", split = ",", description = "Only hosts with these roles (master, node, registry).")
  List<String> roles;

  @Option(names = "--ips", paramLabel = "IP", split = ",", description = "Only these addresses (ip or ip:port).")
  List<String> ips;

  @Parameters(paramLabel = "CMD", arity = "1..*", description = "Commands, each one shell command, joined with \"; \".")
  List<String> commands;

  @Override
  public Integer call() {
    PrintStream out = LinePrintStream.of(spec.commandLine().getOut());
    new ClusterCommands(ClusterOption.clusterfiles(), ssh.options(), SshFlags.home(), out)
        .exec(cluster.cluster, roles == null ? List.of() : roles, ips == null ? List.of() : ips, commands);
    return 0;
  }
}
