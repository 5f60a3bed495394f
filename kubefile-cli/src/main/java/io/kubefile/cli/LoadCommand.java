package io.kubefile.cli;

import io.kubefile.transport.ArchiveLoader;
import io.kubefile.transport.LoadedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kubefile load}: images from an oci-archive or docker-archive into the local store. */
@Command(name = "load", description = "Load images from an oci-archive or docker-archive file (tar or tar.gz).")
public final class LoadCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "Archive to read.")
  Path input;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    for (LoadedImage image : ArchiveLoader.load(store.open(), input)) {
      if (image.names().isEmpty()) {
        out.println("Loaded image: " + image.id());
      }
      image.names().forEach(name -> out.println("Loaded image: " + name));
    }
    out.flush();
    return 0;
  }
}
