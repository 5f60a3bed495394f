package io.kubefile.cli;

import io.kubefile.image.access.TransportReference;
import io.kubefile.transport.ArchiveLoader;
import io.kubefile.transport.LoadedImage;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile load}: images from an archive (every image of it), or one image of an archive, an
 * OCI layout or a {@code registry/} directory, into the local store.
 */
@Command(name = "load", description = "Load images from an oci-archive or docker-archive file (tar or tar.gz),"
    + " an oci: layout or a registry-dir: directory.")
public final class LoadCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "SOURCE",
      description = "FILE or oci-archive:FILE or docker-archive:FILE (every image), oci-archive:FILE:NAME,"
          + " docker-archive:FILE:NAME, oci:DIR[:NAME] or registry-dir:DIR:NAME (that image).")
  String input;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    for (LoadedImage image : ArchiveLoader.load(store.open(), TransportReference.parse(input))) {
      if (image.names().isEmpty()) {
        out.println("Loaded image: " + image.id());
      }
      image.names().forEach(name -> out.println("Loaded image: " + name));
    }
    out.flush();
    return 0;
  }
}
