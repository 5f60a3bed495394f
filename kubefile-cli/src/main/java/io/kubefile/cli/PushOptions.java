package io.kubefile.cli;

import io.kubefile.copy.CompressionFormat;
import io.kubefile.copy.ImageSaver;
import io.kubefile.copy.ImagePusher;
import io.kubefile.copy.RegistrySink;
import io.kubefile.copy.StoreSink;
import io.kubefile.image.ImageReference;
import io.kubefile.image.RawManifest;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a stored image leaves the store, and the one code path that sends it: {@code push} and
 * {@code manifest push} both mix this in, so a manifest list is pushed with the same registry
 * flags (credentials, TLS, cert dirs, retries), progress and compression as any image.
 */
final class PushOptions {
  @Mixin RegistryOptions registry;
  @Mixin ProgressOption progress;

  @Option(names = "--compression-format", paramLabel = "FORMAT", defaultValue = "gzip",
      description = "Layer compression for docker:// destinations: gzip (default; uncompressed layers are gzipped"
          + " and the manifest rewritten) or none (layers and manifest exactly as stored). Archives and layouts"
          + " are written as stored.")
  String compressionFormat;

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  /**
   * Pushes the stored image {@code ref} to {@code destination} ({@code docker://NAME}, the
   * default being REF's own name; {@code oci-archive:PATH[:NAME]}, {@code docker-archive:PATH[:NAME]},
   * {@code registry-dir:DIR[:NAME]}, which are saves ({@link ImageSaver}); {@code oci:DIR[:REF]}) and
   * prints what was pushed on {@code out}.
   *
   * @param all push every platform of an index, not only the host's
   */
  void push(ImageStore images, String ref, String destination, boolean all, PrintWriter out, PrintWriter err)
      throws Exception {
    CompressionFormat compression = CompressionFormat.parse(compressionFormat);
    String exact = ImageRefs.exactNameOrId(images, ref);
    StoredImage image = ImageRefs.find(images, exact);
    TransportReference dest = TransportReference.parse(
        destination != null ? destination : "docker://" + (image.name() != null ? image.name() : ref));
    switch (dest.transport()) {
      case OCI_ARCHIVE, DOCKER_ARCHIVE, REGISTRY_DIR ->
          out.println(new ImageSaver(images).save(List.of(exact), dest, null).get(0).digest());
      case OCI -> out.println(pushToLayout(images, image, dest, all).digest());
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
  }

  /** {@code oci:DIR[:REF]}: an OCI layout at DIR, the image named REF (or its own name) in it. */
  private static RawManifest pushToLayout(ImageStore images, StoredImage image, TransportReference dest, boolean all)
      throws Exception {
    String name = dest.name() != null ? dest.name() : image.name();
    ImageStore layout = ImageStore.open(Path.of(dest.path()));
    return new ImagePusher(images).push(image, new StoreSink(layout, name == null ? List.of() : List.of(name)), all);
  }
}
