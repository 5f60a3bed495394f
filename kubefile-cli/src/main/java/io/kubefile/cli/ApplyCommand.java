package io.kubefile.cli;

import io.kubefile.run.Clusterfile;
import io.kubefile.run.RunPipeline;
import io.kubefile.run.RunRequest;
import io.kubefile.store.ImageStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubefile apply -f Clusterfile}: installs the Clusterfile's images not yet installed. */
@Command(name = "apply", description = "Install the images of a Clusterfile on its hosts (only images not installed yet).")
public final class ApplyCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--Clusterfile"}, paramLabel = "FILE", defaultValue = "Clusterfile", description = "The Clusterfile (default ./Clusterfile).")
  Path file;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", split = ",", description = "Environment, over image ENV and spec.env.")
  List<String> env;

  @Option(names = "--config-file", paramLabel = "FILE", description = "YAML documents added to the Clusterfile.")
  List<Path> configFiles;

  @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file to check and extend (default ~/.ssh/known_hosts).")
  Path knownHosts;

  @Option(names = "--insecure-skip-host-key-check", description = "Accept any host key and record none (unsafe).")
  boolean skipHostKeyCheck;

  @Option(names = "--pull", paramLabel = "POLICY", defaultValue = "missing", description = "missing (default), always, newer or never.")
  String pull;

  @Override
  public Integer call() throws Exception {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new io.kubefile.run.RunException(file + ": no such Clusterfile");
    }
    Clusterfile clusterfile = Clusterfile.parse(text, file.toString());
    Map<String, String> envValues = KeyValueOption.parse(env, "--env", spec, false);
    SshFlags flags = new SshFlags();
    flags.knownHosts = knownHosts;
    flags.skipHostKeyCheck = skipHostKeyCheck;
    flags.connectTimeoutSeconds = 10;
    ImageStore images = store.open();
    PrintStream out = LinePrintStream.of(spec.commandLine().getOut());
    RunEnvironment.configure(new RunPipeline(ClusterOption.clusterfiles(), images,
        new ClusterImageResolver(images, registry, pull, spec.commandLine().getErr()), flags.options(), SshFlags.home(), out,
        Clock.systemUTC()))
        .run(new RunRequest(clusterfile.name(), clusterfile.images(), List.of(), List.of(), null, envValues, List.of(), false,
            clusterfile, RunEnvironment.readConfigFiles(configFiles)));
    return 0;
  }
}
