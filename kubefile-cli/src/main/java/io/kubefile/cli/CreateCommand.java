package io.kubefile.cli;

import io.kubefile.run.CreatePipeline;
import io.kubefile.store.ImageStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubefile create}: an image's files in a working directory, templates rendered, no hosts. */
@Command(name = "create", description = "Write an image's files into a working directory (from the store, .tmpl rendered) and print it and the commands run would execute.")
public final class CreateCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Mixin ClusterOption cluster;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", split = ",", description = "Environment for templates and commands.")
  List<String> env;

  @Option(names = "--short", description = "Print only the working directory.")
  boolean shortOutput;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "Image name or archive file.")
  String image;

  @Override
  public Integer call() throws Exception {
    ImageStore images = store.open();
    PrintWriter out = spec.commandLine().getOut();
    CreatePipeline.Result result = new CreatePipeline(ClusterOption.clusterfiles(), images,
        new ClusterImageResolver(images, registry, "missing", spec.commandLine().getErr()))
        .dataRoot(RunEnvironment.dataRoot())
        .create(cluster.cluster, image, KeyValueOption.parse(env, "--env", spec, false));
    out.println(result.directory());
    if (!shortOutput) {
      String where = result.type().onEveryHost() ? "on every host" : "on master0";
      out.println(result.command() == null ? "# no commands" : "# " + result.type().label() + " image, runs " + where + ":\n" + result.command());
    }
    out.flush();
    return 0;
  }
}
