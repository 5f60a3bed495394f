package io.kubefile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.distribution.RegistryServer;
import io.kubefile.image.Digest;
import io.kubefile.save.Skopeo;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random SIGKILLs during build, pull, push and registry save, each followed by a rerun: the
 * rerun converges to the same digests as an undisturbed run, and the store stays valid (every blob's
 * content matches its name, every image resolves). Real processes, a real registry.
 */
@Tag("reliability")
class KillAndRerunTest {
  static final long SEED = 20261202L;
  static final int TRIALS_PER_COMMAND = 3;
  private static final int MAX_DELAY_MILLIS = 2500;

  @TempDir Path tmp;

  private static String run(Path root, String... args) throws Exception {
    Process p = CliProcess.start(root, args);
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + output).isZero();
    return output;
  }

  /** SIGKILLs {@code p} after {@code delayMillis} unless it finished first; true if it was killed. */
  static boolean killAt(Process p, long delayMillis) throws Exception {
    Thread drain = new Thread(() -> {
      try (InputStream in = p.getInputStream()) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException e) {
        // killed
      }
    });
    drain.setDaemon(true);
    drain.start();
    boolean finished = p.waitFor(delayMillis, TimeUnit.MILLISECONDS);
    if (!finished) {
      p.destroyForcibly(); // SIGKILL
      p.waitFor(30, TimeUnit.SECONDS);
    }
    return !finished;
  }

  /** What a trial did, truthfully: a command that ended before its delay was not killed. */
  static String outcome(String command, boolean killed, long delayMillis) {
    return command + (killed ? " killed at " : " finished before ") + delayMillis + " ms";
  }

  /** Every blob is whole (its SHA-256 is its name) and every index entry resolves to an image. */
  static void assertStoreValid(Path root) throws Exception {
    try (Stream<Path> blobs = Files.list(root.resolve("blobs/sha256"))) {
      for (Path blob : blobs.toList()) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(blob)) {
          byte[] buffer = new byte[1 << 16];
          for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            sha.update(buffer, 0, n);
          }
        }
        assertThat(HexFormat.of().formatHex(sha.digest())).as(blob.toString()).isEqualTo(blob.getFileName().toString());
      }
    }
    ImageStore store = ImageStore.open(root);
    assertThat(store.list()).hasSameSizeAs(store.indexEntries());
  }

  private static Digest imageId(Path root, String name) throws IOException {
    return ImageStore.open(root).resolve(name).orElseThrow().id();
  }

  private static TreeSet<String> filesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      TreeSet<String> out = new TreeSet<>();
      files.filter(Files::isRegularFile).forEach(f -> out.add(dir.relativize(f).toString()));
      return out;
    }
  }

  @Test
  void killedCommandsConvergeOnRerun() throws Exception {
    Skopeo.assumeInstalled();
    Random random = new Random(SEED);
    int kills = 0;
    List<String> trials = new ArrayList<>();
    try (RegistryServer registry = RegistryServer.startPlain(Files.createDirectories(tmp.resolve("registry")))) {
      String host = registry.host();
      Path images = Files.createDirectories(tmp.resolve("images"));
      byte[] data = new byte[24 << 20];
      new Random(SEED).nextBytes(data);
      Files.write(images.resolve("data.bin"), data);
      Files.writeString(images.resolve("Kubefile"), "FROM scratch\nCOPY data.bin /data.bin\n");
      Path source = tmp.resolve("source-store");
      run(source, "build", "-q", "--timestamp", "0", "--save-image=false", "-t", host + "/kill/app:v1", images.toString());
      Digest built = imageId(source, host + "/kill/app:v1");
      String pushed = run(source, "push", "-q", host + "/kill/app:v1").trim();

      Path context = Files.createDirectories(tmp.resolve("context"));
      Files.createDirectories(context.resolve("manifests"));
      Files.writeString(context.resolve("manifests/pod.yaml"), "spec:\n  containers:\n  - image: " + host + "/kill/app:v1\n");
      Path cleanContext = Files.createDirectories(tmp.resolve("clean-context"));
      Files.createDirectories(cleanContext.resolve("manifests"));
      Files.copy(context.resolve("manifests/pod.yaml"), cleanContext.resolve("manifests/pod.yaml"));
      run(tmp.resolve("clean-store"), "registry", "save", cleanContext.toString());
      TreeSet<String> cleanRegistry = filesUnder(cleanContext.resolve("registry"));

      for (int trial = 0; trial < TRIALS_PER_COMMAND; trial++) {
        boolean killed;
        // build: killed, rerun, same image ID as the undisturbed build
        Path buildRoot = tmp.resolve("build-" + trial);
        long delay = random.nextInt(MAX_DELAY_MILLIS);
        killed = killAt(CliProcess.start(buildRoot, "build", "-q", "--timestamp", "0", "--save-image=false", "-t", host + "/kill/built:v1",
            images.toString()), delay);
        run(buildRoot, "build", "-q", "--timestamp", "0", "--save-image=false", "-t", host + "/kill/built:v1", images.toString());
        assertThat(imageId(buildRoot, host + "/kill/built:v1")).as("build, trial " + trial).isEqualTo(built);
        assertStoreValid(buildRoot);
        kills += killed ? 1 : 0;
        trials.add(outcome("build", killed, delay));

        // pull
        Path pullRoot = tmp.resolve("pull-" + trial);
        delay = random.nextInt(MAX_DELAY_MILLIS);
        killed = killAt(CliProcess.start(pullRoot, "pull", "-q", host + "/kill/app:v1"), delay);
        run(pullRoot, "pull", "-q", host + "/kill/app:v1");
        assertThat(imageId(pullRoot, host + "/kill/app:v1")).as("pull, trial " + trial).isEqualTo(built);
        assertStoreValid(pullRoot);
        kills += killed ? 1 : 0;
        trials.add(outcome("pull", killed, delay));

        // push to a new name: the rerun pushes the same manifest
        String target = host + "/kill/pushed-" + trial + ":v1";
        delay = random.nextInt(MAX_DELAY_MILLIS);
        killed = killAt(CliProcess.start(source, "push", "-q", host + "/kill/app:v1", "docker://" + target), delay);
        String again = run(source, "push", "-q", host + "/kill/app:v1", "docker://" + target).trim();
        assertThat(again.substring(again.indexOf('@') + 1)).as("push, trial " + trial)
            .isEqualTo(pushed.substring(pushed.indexOf('@') + 1));
        assertStoreValid(source);
        kills += killed ? 1 : 0;
        trials.add(outcome("push", killed, delay));

        // registry save: the rerun leaves the same registry/ as an undisturbed save
        Path saveRoot = tmp.resolve("save-store-" + trial);
        Path registryDir = context.resolve("registry");
        if (Files.exists(registryDir)) {
          try (Stream<Path> old = Files.walk(registryDir)) {
            old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
        delay = random.nextInt(MAX_DELAY_MILLIS);
        killed = killAt(CliProcess.start(saveRoot, "registry", "save", context.toString()), delay);
        run(saveRoot, "registry", "save", context.toString());
        assertThat(filesUnder(registryDir)).as("registry save, trial " + trial).isEqualTo(cleanRegistry);
        kills += killed ? 1 : 0;
        trials.add(outcome("registry save", killed, delay));
      }
    }
    System.out.println("reliability-count: sigkill trials=" + (4 * TRIALS_PER_COMMAND) + " kills=" + kills
        + " failures=0 " + trials);
  }
}
