package io.kubefile.cli;

import io.kubefile.run.ClusterCommands;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code kubefile scp}: a local file or directory to the hosts of a cluster over SFTP. */
@Command(name = "scp", description = "Copy a local file or directory to the hosts of a cluster (atomic, modes and symlinks kept).")
public final class ScpCommand implements Callable<Integer> {
  @Mixin ClusterOption cluster;
  @Mixin SshFlags ssh;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin HostSelection hosts;

  @Parameters(index = "0", paramLabel = "SRC", description = "Local file or directory.")
  Path source;

  @Parameters(index = "1", paramLabel = "DST", description = "Absolute path on the hosts; a file to an existing directory (or a path ending in /) goes into it.")
  String destination;

  @Override
  public Integer call() {
    PrintStream out = LinePrintStream.of(spec.commandLine().getOut());
    new ClusterCommands(ClusterOption.clusterfiles(), ssh.options(), SshFlags.home(), out)
        .sshFlags(ssh.spec())
        .scp(cluster.cluster, hosts.roles(), hosts.ips(), source, destination);
    return 0;
  }
}
