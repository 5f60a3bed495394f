package io.kubefile.cli;

import io.kubefile.KubefileException;
import io.kubefile.copy.CopyOptions;
import io.kubefile.copy.ImagePuller;
import io.kubefile.copy.PullPolicy;
import io.kubefile.copy.PullResult;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Platform;
import io.kubefile.image.access.TransportReference;
import io.kubefile.store.ImageStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubefile pull}: an image from a registry (or its mirrors) into the local store. */
@Command(name = "pull", description = "Pull an image from a registry into the local store; prints its image ID.")
public final class PullCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Mixin RegistryOptions registry;
  @Mixin ProgressOption progress;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to pick from a multi-platform image (default: the host's).")
  String platform;

  @Option(names = {"-a", "--all", "--all-platforms"}, description = "Keep the whole index with every platform's image.")
  boolean all;

  @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "always",
      description = "missing: only if not stored; always: ask the registry (default); newer: pull if the digest changed; never: use the stored image.")
  String policy;

  @Option(names = {"-q", "--quiet"}, description = "No progress output; print only the image ID.")
  boolean quiet;

  @Parameters(index = "0", paramLabel = "REF", description = "Image to pull, e.g. docker.io/labring/kubernetes:v1.25.0 or docker://…")
  String ref;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TransportReference source = TransportReference.parse(ref);
    if (source.transport() != TransportReference.Transport.DOCKER && source.transport() != TransportReference.Transport.STORE) {
      throw new KubefileException("pull reads registries (docker://REF or a name): use kubefile load for " + ref);
    }
    ImageReference reference = ImageReference.parse(source.name());
    Platform wanted = PlatformOption.parse(platform, new WarningPrinter(err));
    ImageStore images = store.open();
    ImagePuller puller = new ImagePuller(images, registry.sources(progress.listener(quiet, err)));
    if (!quiet) {
      err.println("Trying to pull " + reference + "...");
      err.flush();
    }
    PullResult result = puller.pull(reference, PullPolicy.parse(policy),
        all ? CopyOptions.all(wanted) : platform != null ? CopyOptions.exactly(wanted) : CopyOptions.forPlatform(wanted));
    out.println(result.image().id().hex());
    out.flush();
    return 0;
  }
}
