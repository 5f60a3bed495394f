package io.kubefile.cli;

import io.kubefile.store.PruneReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code kubefile prune}: frees the space of blobs no image uses any more, stale temp files, and the
 * per-platform working copies of build contexts that multi-platform builds keep in the store.
 */
@Command(name = "prune", description = "Delete unused blobs, leftovers of interrupted writes, and the "
    + "per-platform copies of build contexts that multi-platform builds keep (a copy in use stays), and the "
    + "files `run` extracted from images that are no longer stored.")
public final class PruneCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PruneReport report = store.open().prune();
    PrintWriter out = spec.commandLine().getOut();
    report.removedBlobs().forEach(digest -> out.println("Deleted: " + digest));
    if (report.removedTempFiles() > 0) {
      out.println("Deleted " + io.kubefile.Plural.of(report.removedTempFiles(), "temporary file"));
    }
    if (report.removedContextCopies() > 0) {
      out.println("Deleted " + io.kubefile.Plural.of(report.removedContextCopies(),
          "kept build context"));
    }
    if (report.removedImageFileTrees() > 0) {
      out.println("Deleted " + io.kubefile.Plural.of(report.removedImageFileTrees(), "extracted image"));
    }
    out.println("Total reclaimed space: " + HumanUnits.size(report.bytesFreed()));
    out.flush();
    return 0;
  }
}
