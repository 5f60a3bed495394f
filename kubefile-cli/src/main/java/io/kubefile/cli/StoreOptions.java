package io.kubefile.cli;

import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --root DIR}: where the local image store lives; shared by every command that uses it. */
public final class StoreOptions {
  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Image store directory (default: $KUBEFILE_ROOT, $XDG_DATA_HOME/kubefile or ~/.local/share/kubefile).")
  Path root;

  public ImageStore open() throws IOException {
    return ImageStore.open(root != null ? root : ImageStore.defaultRoot(System.getenv()));
  }
}
