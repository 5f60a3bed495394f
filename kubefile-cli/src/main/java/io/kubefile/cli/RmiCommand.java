package io.kubefile.cli;

import io.kubefile.store.ImageStore;
import io.kubefile.store.RemovedImage;
import io.kubefile.store.StoredImage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile rmi}: removes names, or whole images by ID. The blobs stay until {@code prune},
 * so a build running meanwhile in another process is never robbed of a layer.
 */
@Command(name = "rmi", description = "Remove local images by name or ID (space is freed by prune).")
public final class RmiCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--force"}, description = "Remove an image by ID even when it has several names.")
  boolean force;

  @Option(names = {"-a", "--all"}, description = "Remove all images.")
  boolean all;

  @Parameters(paramLabel = "REF", arity = "0..*", description = "Image names or IDs.")
  List<String> refs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (all && !refs.isEmpty()) {
      throw new IllegalArgumentException("when using --all, do not name images");
    }
    if (!all && refs.isEmpty()) {
      throw new IllegalArgumentException("image name or ID must be specified");
    }
    ImageStore images = store.open();
    List<String> targets = new ArrayList<>();
    boolean forced = force;
    if (all) {
      Set<String> ids = new LinkedHashSet<>();
      for (StoredImage image : images.list()) {
        ids.add(image.id().hex());
      }
      targets.addAll(ids);
      forced = true;
    } else {
      for (String ref : refs) {
        targets.add(ImageRefs.exactNameOrId(images, ref)); // all known before anything is removed
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String target : targets) {
      RemovedImage removed = images.remove(target, forced);
      removed.untaggedNames().forEach(name -> out.println("Untagged: " + name));
      if (removed.deleted()) {
        out.println("Deleted: " + removed.id().hex());
      }
    }
    out.flush();
    return 0;
  }
}
