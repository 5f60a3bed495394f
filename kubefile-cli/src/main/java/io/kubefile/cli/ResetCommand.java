package io.kubefile.cli;

import io.kubefile.run.ResetPipeline;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubefile reset}: runs the clean scripts on every host and forgets the cluster. */
@Command(name = "reset", description = "Clean every host of a cluster (clean scripts, /etc/hosts, its data) and move its Clusterfile aside.")
public final class ResetCommand implements Callable<Integer> {
  @Mixin ClusterOption cluster;
  @Mixin SshFlags ssh;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--force"}, description = "Accepted for sealos compatibility: reset never asks.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    PrintStream out = LinePrintStream.of(spec.commandLine().getOut());
    new ResetPipeline(ClusterOption.clusterfiles(), ssh.options(), SshFlags.home(), out, Clock.systemUTC()).reset(cluster.cluster);
    return 0;
  }
}
