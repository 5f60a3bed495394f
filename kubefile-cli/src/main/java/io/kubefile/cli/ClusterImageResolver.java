package io.kubefile.cli;

import io.kubefile.copy.ImagePuller;
import io.kubefile.copy.PullPolicy;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Platform;
import io.kubefile.copy.CopyOptions;
import io.kubefile.run.ImageResolver;
import io.kubefile.run.RunException;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import io.kubefile.transport.ArchiveLoader;
import io.kubefile.transport.LoadedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Image arguments of run and create: an archive file is loaded into the store; a name is taken from
 * the store, pulled by the pull code when missing (or as {@code --pull} says).
 */
final class ClusterImageResolver implements ImageResolver {
  private final ImageStore store;
  private final RegistryOptions registry;
  private final String policy;
  private final PrintWriter err;

  ClusterImageResolver(ImageStore store, RegistryOptions registry, String policy, PrintWriter err) {
    this.store = store;
    this.registry = registry;
    this.policy = policy;
    this.err = err;
  }

  @Override
  public StoredImage resolve(String image) throws IOException {
    Path file = Path.of(image);
    if (Files.isRegularFile(file)) {
      List<LoadedImage> loaded = ArchiveLoader.load(store, file);
      if (loaded.isEmpty()) {
        throw new RunException(image + ": the archive holds no image");
      }
      return store.findById(loaded.get(0).id().hex()).orElseThrow();
    }
    if (looksLikeAPath(image)) {
      throw new RunException(image + ": no such image archive" + (Files.isDirectory(file) ? " (a directory, not an archive file)" : ""));
    }
    String ref = image.startsWith("docker://") ? image.substring("docker://".length()) : image;
    if (!policy.equals("always")) {
      var local = store.resolve(ref);
      if (local.isPresent() && !policy.equals("newer")) {
        return local.get();
      }
    }
    ImagePuller puller = new ImagePuller(store, registry.sources(ProgressPrinter.forCommand(false, err)));
    return puller.pull(ImageReference.parse(ref), PullPolicy.parse(policy), CopyOptions.forPlatform(Platform.host())).image();
  }

  /** Written as a path, which no image reference starts like: a missing archive, not a name to pull. */
  private static boolean looksLikeAPath(String image) {
    return image.startsWith("/") || image.startsWith("./") || image.startsWith("../") || image.startsWith("~/");
  }
}
