package io.kubefile.cli;

import io.kubefile.run.ResetPipeline;
import io.kubefile.run.RunException;
import io.kubefile.store.ImageStore;
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
  @Mixin StoreOptions store;
  @Mixin ClusterOption cluster;
  @Mixin SshFlags ssh;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--force"}, description = "Accepted for sealos compatibility: reset never asks.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    PrintStream out = LinePrintStream.of(spec.commandLine().getOut());
    ImageStore images = store.open();
    // Local images only: reset never pulls; an image not here leaves its clean scripts to the defaults.
    new ResetPipeline(ClusterOption.clusterfiles(), ssh.options(), SshFlags.home(), out, Clock.systemUTC())
        .sshFlags(ssh.spec())
        .dataRoot(RunEnvironment.dataRoot())
        .images(name -> images.resolve(name).orElseThrow(() -> new RunException(name + " is not in " + images.root())))
        .reset(cluster.cluster);
    return 0;
  }
}
