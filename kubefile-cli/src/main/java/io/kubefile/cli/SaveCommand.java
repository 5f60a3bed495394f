package io.kubefile.cli;

import io.kubefile.Plural;
import io.kubefile.store.ImageStore;
import io.kubefile.transport.ArchiveFormat;
import io.kubefile.transport.DockerArchive;
import io.kubefile.transport.OciArchive;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubefile save}: local images into one archive file. */
@Command(name = "save", description = "Save local images to an oci-archive or docker-archive file.")
public final class SaveCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Archive to write.")
  Path output;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "oci-archive",
      description = "oci-archive (default) or docker-archive.")
  String format;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "For docker-archive: the platform to save of a multi-platform image (required for one;"
          + " an oci-archive keeps the whole index).")
  String platform;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REF", arity = "1..*", description = "Image names or IDs.")
  List<String> refs;

  @Override
  public Integer call() throws Exception {
    ArchiveFormat archiveFormat = ArchiveFormat.ofTransport(format);
    ImageStore images = store.open();
    List<String> exact = new ArrayList<>();
    for (String ref : refs) {
      exact.add(ImageRefs.exactNameOrId(images, ref));
    }
    switch (archiveFormat) {
      case OCI_ARCHIVE -> OciArchive.save(images, exact, output);
      case DOCKER_ARCHIVE -> DockerArchive.save(images, exact, output,
          platform == null ? null : PlatformOption.parse(platform, new WarningPrinter(spec.commandLine().getErr())));
    }
    if (!quiet) {
      // What was written, as the one line a person checks; stdout stays empty as podman's does.
      PrintWriter err = spec.commandLine().getErr();
      err.println("Wrote " + Plural.of(exact.size(), "image") + " to " + output + " (" + format + ", "
          + HumanUnits.size(Files.size(output)) + ")");
      err.flush();
    }
    return 0;
  }
}
