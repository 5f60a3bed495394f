package io.kubefile.cli;

import io.kubefile.KubefileException;
import io.kubefile.Plural;
import io.kubefile.copy.ImageSaver;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.ImageStore;
import io.kubefile.transport.ArchiveFormat;
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

/**
 * {@code kubefile save}: local images into an archive file, an OCI layout or a {@code registry/}
 * directory; the destination is a plain path (an archive in {@code --format}) or a transport
 * reference, read by the one parser ({@link TransportReference}).
 */
@Command(name = "save", description = "Save local images to an oci-archive or docker-archive file, an oci: layout"
    + " or a registry-dir: directory.")
public final class SaveCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DEST",
      description = "FILE (an archive in --format), oci-archive:FILE[:NAME], docker-archive:FILE[:NAME], oci:DIR[:NAME]"
          + " or registry-dir:DIR[:NAME]; NAME, for one image, is the name it is saved under.")
  String output;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "For a plain FILE: oci-archive (default) or docker-archive.")
  String format;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "The platform to save of a multi-platform image (required for one in a docker-archive;"
          + " otherwise the whole index is kept).")
  String platform;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REF", arity = "1..*", description = "Image names or IDs.")
  List<String> refs;

  @Override
  public Integer call() throws Exception {
    TransportReference destination = destination();
    ImageStore images = store.open();
    List<String> exact = new ArrayList<>();
    for (String ref : refs) {
      exact.add(ImageRefs.exactNameOrId(images, ref));
    }
    new ImageSaver(images).save(exact, destination,
        platform == null ? null : PlatformOption.parse(platform, new WarningPrinter(spec.commandLine().getErr())));
    if (!quiet) {
      // What was written, as the one line a person checks; stdout stays empty as podman's does.
      PrintWriter err = spec.commandLine().getErr();
      String written = switch (destination.transport()) {
        case OCI_ARCHIVE, DOCKER_ARCHIVE -> destination.path() + " (" + ArchiveFormat.of(destination.transport()).transport()
            + ", " + HumanUnits.size(Files.size(Path.of(destination.path()))) + ")";
        default -> destination.toString();
      };
      err.println("Wrote " + Plural.of(exact.size(), "image") + " to " + written);
      err.flush();
    }
    return 0;
  }

  /** {@code -o} as a transport reference; a plain path is an archive in {@code --format}. */
  private TransportReference destination() {
    TransportReference parsed = TransportReference.parse(output);
    if (parsed.transport() == TransportReference.Transport.STORE) {
      return ArchiveFormat.ofTransport(format == null ? "oci-archive" : format).reference(Path.of(output));
    }
    if (format != null && !parsed.transport().prefix().equals(ArchiveFormat.ofTransport(format).transport() + ":")) {
      throw new KubefileException("--format " + format + " contradicts -o " + output + ": give one of them");
    }
    return parsed;
  }
}
