package io.kubefile.cli;

import io.kubefile.run.ClusterCommands;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code kubefile exec}: a shell command on the hosts of a cluster, in parallel. */
@Command(name = "exec", description = "Run a shell command on the hosts of a cluster (all, or by --roles / --ips), in parallel.")
public final class ExecCommand implements Callable<Integer> {
  @Mixin ClusterOption cluster;
  @Mixin SshFlags ssh;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin HostSelection hosts;

  @Parameters(paramLabel = "CMD", arity = "1..*", description = "Commands, each one shell command, joined with \"; \".")
  List<String> commands;

  @Override
  public Integer call() {
    PrintStream out = LinePrintStream.of(spec.commandLine().getOut());
    new ClusterCommands(ClusterOption.clusterfiles(), ssh.options(), SshFlags.home(), out)
        .sshFlags(ssh.spec())
        .exec(cluster.cluster, hosts.roles(), hosts.ips(), commands);
    return 0;
  }
}
