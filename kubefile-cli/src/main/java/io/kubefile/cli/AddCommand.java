package io.kubefile.cli;

import io.kubefile.run.AddressList;
import io.kubefile.run.RunPipeline;
import io.kubefile.store.ImageStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubefile add}: new masters or nodes get the cluster's rootfs and patch images (R30). */
@Command(name = "add", description = "Add masters or nodes to a cluster: they get its rootfs and patch files, init scripts and commands"
    + " (kubeadm join is not done).")
public final class AddCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Mixin ClusterOption cluster;
  @Mixin SshFlags ssh;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--masters", paramLabel = "LIST", description = "Masters to add: ip[:port], A-B ranges, CIDRs, comma-separated.")
  String masters;

  @Option(names = "--nodes", paramLabel = "LIST", description = "Nodes to add, as --masters.")
  String nodes;

  @Override
  public Integer call() throws Exception {
    ImageStore images = store.open();
    PrintStream out = LinePrintStream.of(spec.commandLine().getOut());
    RunEnvironment.configure(new RunPipeline(ClusterOption.clusterfiles(), images,
        new ClusterImageResolver(images, registry, "missing", spec.commandLine().getErr()), ssh.options(), SshFlags.home(), out,
        Clock.systemUTC()))
        .add(cluster.cluster, AddressList.parse(masters, ssh.defaultPort()), AddressList.parse(nodes, ssh.defaultPort()), ssh.spec());
    return 0;
  }
}
