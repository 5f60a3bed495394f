package io.kubefile.cli;

import io.kubefile.discovery.DiscoveryResult;
import io.kubefile.discovery.ImageDiscovery;
import io.kubefile.image.Platform;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The step before a build: find the images the context references and save them into registry/. */
final class RegistrySaveStep {
  private RegistrySaveStep() {}

  static void run(Path context, Platform platform, boolean quiet, PrintWriter err) throws Exception {
    DiscoveryResult found = ImageDiscovery.discover(context);
    if (found.images().isEmpty()) {
      return;
    }
    throw new IllegalStateException("the context references " + found.images().size()
        + " images, but saving them into registry/ is not implemented yet; build with --save-image=false");
  }
}
