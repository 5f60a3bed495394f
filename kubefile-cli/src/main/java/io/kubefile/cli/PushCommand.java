package io.kubefile.cli;

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
  @Mixin PushOptions push;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--all", description = "Push every platform of a stored multi-platform image (the index).")
  boolean all;

  @Parameters(index = "0", paramLabel = "REF", description = "Local image name or ID.")
  String ref;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DEST",
      description = "docker://NAME (default: REF itself), oci-archive:PATH[:NAME], docker-archive:PATH[:NAME],"
          + " oci:DIR[:REF] or registry-dir:DIR:NAME.")
  String destination;

  @Override
  public Integer call() throws Exception {
    push.push(store.open(), ref, destination, all, spec.commandLine().getOut(), spec.commandLine().getErr());
    return 0;
  }
}
