package io.kubefile.builder;

import io.kubefile.store.External;
import java.nio.file.Path;

/**
 * buildah 1.28 with private storage (vfs, chroot isolation) under a temp directory, so tests share
 * no state with each other or with the machine.
 */
final class Buildah {
  private final Path root;

  Buildah(Path workDirectory) {
    this.root = workDirectory;
  }

  static void assumeInstalled() {
    External.assumeInstalled("buildah");
    External.assumeInstalled("umoci");
  }

  /** Builds {@code instructionFile} in {@code context} as {@code localhost/oracle/<name>:v1}. */
  String build(Path context, Path instructionFile, String name) throws Exception {
    String image = "localhost/oracle/" + name + ":v1";
    External.run(command("build", "--isolation", "chroot", "-q", "-f", instructionFile.toString(),
        "-t", image, context.toString()));
    return image;
  }

  /** Pushes the image into an OCI layout as {@code tag}. */
  void pushToLayout(String image, Path layout, String tag) throws Exception {
    External.run(command("push", "-q", image, "oci:" + layout + ":" + tag));
  }

  private String[] command(String... args) {
    String[] base = {"buildah", "--root", root.resolve("root").toString(), "--runroot",
        root.resolve("runroot").toString(), "--storage-driver", "vfs"};
    String[] all = new String[base.length + args.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(args, 0, all, base.length, args.length);
    return all;
  }
}
