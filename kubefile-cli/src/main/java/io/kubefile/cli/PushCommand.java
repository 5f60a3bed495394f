package io.kubefile.cli;

import io.kubefile.KubefileException;
import io.kubefile.copy.CompressionFormat;
import io.kubefile.copy.ImagePusher;
import io.kubefile.copy.RegistrySink;
import io.kubefile.copy.StoreSink;
import io.kubefile.image.ImageReference;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import io.kubefile.transport.DockerArchive;
import io.kubefile.transport.OciArchive;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile push}: a stored image to a registry ({@code docker://}, the default), an archive
 * ({@code oci-archive:PATH}, {@code docker-archive:PATH}) or an OCI layout ({@code oci:DIR[:REF]}).
 */
@Command(name = "push", description = "Push a local image to a registry, an archive or an OCI layout; prints the pushed digest reference.")
public final class PushCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Mixin ProgressOption progress;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--all", description = "Push every platform of a stored multi-platform image (the index).")
  boolean all;

  @Option(names = "--compression-format", paramLabel = "FORMAT", defaultValue = "gzip",
      description = "Layer compression for docker:// destinations: gzip (default; uncompressed layers are gzipped"
          + " and the manifest rewritten) or none (layers and manifest exactly as stored). Archives and layouts"
          + " are written as stored.")
  String compressionFormat;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  @Parameters(index = "0", paramLabel = "REF", description = "Local image name or ID.")
  String ref;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DEST",
      description = "docker://NAME (default: REF itself), oci-archive:PATH, docker-archive:PATH or oci:DIR[:REF].")
  String destination;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CompressionFormat compression = CompressionFormat.parse(compressionFormat);
    ImageStore images = store.open();
    String exact = ImageRefs.exactNameOrId(images, ref);
    StoredImage image = ImageRefs.find(images, exact);
    TransportReference dest = TransportReference.parse(
        destination != null ? destination : "docker://" + (image.name() != null ? image.name() : ref));
    switch (dest.transport()) {
      case OCI_ARCHIVE, DOCKER_ARCHIVE -> {
        if (dest.name() != null) {
          throw new KubefileException("push to " + dest + ": an archive records the image under its own names;"
              + " tag it first (kubefile tag) to save it under another name");
        }
        if (dest.transport() == TransportReference.Transport.OCI_ARCHIVE) {
          OciArchive.save(images, List.of(exact), Path.of(dest.path()));
        } else {
          DockerArchive.save(images, List.of(exact), Path.of(dest.path()));
        }
        out.println(image.manifestDescriptor().digest());
      }
      case OCI -> out.println(pushToLayout(images, image, dest).digest());
      case DOCKER, STORE -> {
        ImageReference target = ImageReference.parse(dest.name());
        if (!quiet) {
          err.println("Pushing " + (image.name() != null ? image.name() : ref) + " to " + target);
          err.flush();
        }
        RawManifest pushed = new ImagePusher(images)
            .push(image, new RegistrySink(registry.client(progress.listener(quiet, err)), target), all, compression);
        out.println(target.name() + "@" + pushed.digest());
      }
    }
    out.flush();
    return 0;
  }

  /** {@code oci:DIR[:REF]}: an OCI layout at DIR, the image named REF (or its own name) in it. */
  private RawManifest pushToLayout(ImageStore images, StoredImage image, TransportReference dest) throws Exception {
    String name = dest.name() != null ? dest.name() : image.name();
    ImageStore layout = ImageStore.open(Path.of(dest.path()));
    return new ImagePusher(images).push(image, new StoreSink(layout, name == null ? List.of() : List.of(name)), all);
  }
}
