package io.kubefile.cli;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.image.RuntimeConfig;
import io.kubefile.store.BlobInfo;
import io.kubefile.store.ImageStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Runs the CLI in-process against a store directory, and puts small images into that store. */
final class CliRun {
  record Result(int exitCode, String out, String err) {}

  private CliRun() {}

  static Result run(Path root, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.size() > 0) {
      all.add(1, "--root=" + root);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = KubefileCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(all.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }

  /** {@code kubefile registry save --root=ROOT ARGS…}: a command group, so --root goes after the subcommand. */
  static Result registrySave(Path root, String... args) {
    List<String> all = new ArrayList<>(List.of("registry", "save", "--root=" + root));
    all.addAll(List.of(args));
    return runWithoutStore(all.toArray(String[]::new));
  }

  /** Runs a command that has no {@code --root} (login, logout). */
  static Result runWithoutStore(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = KubefileCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** Stores an image with one layer holding {@code seed}, named {@code name}; returns its ID. */
  static Digest storeImage(Path root, String name, String seed) throws IOException {
    return storeImage(root, name, seed, seed.getBytes(StandardCharsets.UTF_8));
  }

  /** Stores an image with one layer holding the file {@code etc/<seed>} with {@code content}; returns its ID. */
  static Digest storeImage(Path root, String name, String seed, byte[] content) throws IOException {
    return storeImage(root, name, seed, content, Platform.host().architecture());
  }

  /** Stores a linux image for architecture {@code arch} with one layer holding {@code etc/<seed>}; returns its ID. */
  static Digest storeImage(Path root, String name, String seed, String arch) throws IOException {
    return storeImage(root, name, seed, seed.getBytes(StandardCharsets.UTF_8), arch);
  }

  private static Digest storeImage(Path root, String name, String seed, byte[] content, String arch) throws IOException {
    ImageStore store = ImageStore.open(root);
    ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes)) {
      TarArchiveEntry entry = new TarArchiveEntry("etc/" + seed);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    BlobInfo layer = store.putBlob(tarBytes.toByteArray());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("seed", seed);
    labels.put("alpha", "1");
    ImageConfig config = new ImageConfig(java.time.Instant.now().minusSeconds(120).toString(), null,
        arch, "linux", null,
        new RuntimeConfig(null, null, List.of("A=1"), null, List.of("sh"), null, null, labels, null,
            false, null, null, null),
        new ImageConfig.RootFs("layers", List.of(layer.digest())), List.of());
    BlobInfo configBlob = store.putBlob(Json.bytes(config));
    ImageManifest manifest = ImageManifest.oci(configBlob.descriptor(MediaTypes.OCI_CONFIG),
        List.of(layer.descriptor(MediaTypes.OCI_LAYER)), Map.of());
    Descriptor descriptor = store.putBlob(Json.bytes(manifest)).descriptor(MediaTypes.OCI_MANIFEST);
    store.tag(name, descriptor);
    return configBlob.digest();
  }

  /**
   * Stores an amd64 and an arm64 image ({@code docker.io/local/ARCH:v1}) and an OCI index of both
   * under {@code name}; returns the index's entries.
   */
  static List<Descriptor> storeTwoPlatformIndex(Path root, String name) throws IOException {
    ImageStore store = ImageStore.open(root);
    List<Descriptor> children = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      storeImage(root, "docker.io/local/" + arch + ":v1", arch, arch);
      var image = store.findByName("docker.io/local/" + arch + ":v1").orElseThrow();
      children.add(image.manifestDescriptor().withPlatform(new Platform(arch, "linux", null)));
    }
    store.tag(name, store.putBlob(Json.bytes(ImageIndex.oci(children))).descriptor(MediaTypes.OCI_INDEX));
    return children;
  }

  /** The architecture that is not this machine's, of amd64 and arm64. */
  static String otherArch() {
    return Platform.host().architecture().equals("amd64") ? "arm64" : "amd64";
  }
}
