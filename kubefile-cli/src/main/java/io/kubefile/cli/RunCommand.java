package io.kubefile.cli;

import io.kubefile.run.AddressList;
import io.kubefile.run.ClusterfileStore;
import io.kubefile.run.RunPipeline;
import io.kubefile.run.RunRequest;
import io.kubefile.store.ImageStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubefile run}: installs cluster images on hosts over SSH (a new cluster, or into a saved one). */
@Command(name = "run", description = "Install cluster images on hosts over SSH: a new cluster from --masters/--nodes, or into the saved cluster.")
public final class RunCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Mixin ClusterOption cluster;
  @Mixin SshFlags ssh;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--masters", paramLabel = "LIST", description = "Masters of a new cluster: ip[:port], A-B ranges, CIDRs, comma-separated (default: this machine).")
  String masters;

  @Option(names = "--nodes", paramLabel = "LIST", description = "Nodes of a new cluster, as --masters.")
  String nodes;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", split = ",", description = "Environment for scripts, templates and commands (over image ENV and spec.env).")
  List<String> env;

  @Option(names = "--cmd", paramLabel = "CMD", description = "Replaces CMD of the application images of this run; repeat for several commands.")
  List<String> cmd;

  @Option(names = "--config-file", paramLabel = "FILE", description = "YAML documents (Config, …) added to the Clusterfile.")
  List<Path> configFiles;

  @Option(names = {"-f", "--force"}, description = "Install again images that are already installed.")
  boolean force;

  @Option(names = "--single", hidden = true, description = "Deprecated in sealos; accepted and ignored.")
  boolean single;

  @Option(names = "--pull", paramLabel = "POLICY", defaultValue = "missing", description = "missing (default), always, newer or never.")
  String pull;

  @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Images (names or archive files), in install order.")
  List<String> images;

  @Override
  public Integer call() throws Exception {
    int port = ssh.defaultPort();
    List<String> masterList = AddressList.parse(masters, port);
    List<String> nodeList = AddressList.parse(nodes, port);
    Map<String, String> envValues = KeyValueOption.parse(env, "--env", spec, false);
    ClusterfileStore clusterfiles = ClusterOption.clusterfiles();
    ImageStore images = store.open();
    PrintStream out = LinePrintStream.of(spec.commandLine().getOut());
    RunPipeline pipeline = RunEnvironment.configure(new RunPipeline(clusterfiles, images,
        new ClusterImageResolver(images, registry, pull, spec.commandLine().getErr()), ssh.options(), SshFlags.home(), out,
        Clock.systemUTC()));
    pipeline.run(new RunRequest(cluster.cluster, this.images, masterList, nodeList, ssh.spec(), envValues,
        cmd == null ? List.of() : cmd, force, null, RunEnvironment.readConfigFiles(configFiles)));
    return 0;
  }

}
