package io.kubefile.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Descriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("reliability")
class StoreConcurrencyTest {
  @TempDir Path root;

  @Test
  void concurrent_tags_from_threads_and_processes_lose_no_entry() throws Exception {
    ImageStore store = ImageStore.open(root);
    Descriptor manifest = TestImages.store(store, "shared", false);
    int perWriter = 25;

    List<Process> processes = new ArrayList<>();
    for (String prefix : List.of("docker.io/library/p1:", "docker.io/library/p2:")) {
      processes.add(
          new ProcessBuilder(
                  External.javaCommand(StoreWriterProcess.class, "tag", root.toString(), prefix,
                      String.valueOf(perWriter), manifest.digest().toString(),
                      String.valueOf(manifest.size())))
              .redirectErrorStream(true)
              .start());
    }
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<?>> futures = new ArrayList<>();
    for (String prefix : List.of("docker.io/library/t1:", "docker.io/library/t2:")) {
      futures.add(
          threads.submit(
              () -> {
                ImageStore own = ImageStore.open(root);
                for (int i = 0; i < perWriter; i++) {
                  own.tag(prefix + i, manifest);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();
    for (Process p : processes) {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
    }

    assertThat(store.indexEntries()).hasSize(4 * perWriter);
  }

  @Test
  void a_writer_killed_mid_blob_leaves_a_readable_store_that_prune_cleans() throws Exception {
    ImageStore store = ImageStore.open(root);
    store.tag("docker.io/library/kept:1", TestImages.store(store, "kept", false));

    Process dying =
        new ProcessBuilder(External.javaCommand(StoreWriterProcess.class, "die-mid-blob", root.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(dying.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(dying.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("written");
    assertThat(ImageStoreTest.filesUnder(root.resolve(".tmp"))).hasSize(1);

    assertThat(store.resolve("docker.io/library/kept:1")).isPresent();
    PruneReport report = store.prune();
    assertThat(report.removedTempFiles()).isEqualTo(1);
    assertThat(report.removedBlobs()).isEmpty();
    assertThat(ImageStoreTest.filesUnder(root.resolve(".tmp"))).isEmpty();
  }

  private static Process writer(String... args) throws IOException {
    return new ProcessBuilder(External.javaCommand(StoreWriterProcess.class, args)).redirectErrorStream(true).start();
  }

  private static void awaitExit(Process process) throws Exception {
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
  }

  /** Issue #12 item 12: a killed pull's partial files used to stay in .tmp until prune. */
  @Test
  void the_next_writing_process_reclaims_what_a_killed_writer_left_in_tmp() throws Exception {
    ImageStore.open(root);
    List<String> before = sessions();
    awaitExit(writer("die-mid-blob", root.toString()));
    assertThat(ImageStoreTest.filesUnder(root.resolve(".tmp"))).hasSize(1);
    List<String> killed = new ArrayList<>(sessions());
    killed.removeAll(before);
    assertThat(killed).hasSize(1);

    Process next = writer("put-blob", root.toString(), "next write");
    awaitExit(next);
    assertThat(next.exitValue()).isZero();

    assertThat(ImageStoreTest.filesUnder(root.resolve(".tmp"))).isEmpty();
    assertThat(sessions()).doesNotContainAnyElementsOf(killed).containsAll(before);
  }

  /** The session names in the store's temp area (a directory and its lock file each). */
  private List<String> sessions() throws IOException {
    try (Stream<Path> entries = Files.list(root.resolve(".tmp"))) {
      return entries.map(p -> p.getFileName().toString().replace(TempArea.LOCK_SUFFIX, "")).distinct().toList();
    }
  }

  @Test
  void a_live_writers_temp_files_are_left_alone_until_it_dies() throws Exception {
    ImageStore.open(root);
    Process live = writer("hold-temp", root.toString());
    try {
      assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(live.getInputStream())).readLine())
          .isEqualTo("written");
      assertThat(TempArea.forDirectory(root.resolve(".tmp")).reclaimStale().files()).isZero();
      assertThat(ImageStoreTest.filesUnder(root.resolve(".tmp"))).hasSize(1);
    } finally {
      live.destroyForcibly().waitFor();
    }
    assertThat(TempArea.forDirectory(root.resolve(".tmp")).reclaimStale().files()).isEqualTo(1);
    assertThat(ImageStoreTest.filesUnder(root.resolve(".tmp"))).isEmpty();
  }

  @Test
  void prune_waits_for_a_lease_so_blobs_awaiting_their_tag_survive() throws Exception {
    ImageStore store = ImageStore.open(root);
    AtomicReference<Thread> prunerThread = new AtomicReference<>();
    ExecutorService pruner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "pruner");
      prunerThread.set(t);
      return t;
    });
    Future<PruneReport> pruned;
    Descriptor manifest;
    try (StoreLease lease = store.lease()) {
      manifest = TestImages.store(store, "building", false);
      pruned = pruner.submit(store::prune);
      awaitWaitingForTheGcLock(prunerThread.get(), pruned);
      assertThat(pruned.isDone()).isFalse();
      store.tag("docker.io/library/built:1", manifest);
    }
    assertThat(pruned.get(10, TimeUnit.SECONDS).removedBlobs()).isEmpty();
    pruner.shutdown();
    assertThat(store.resolve("docker.io/library/built:1")).isPresent();
  }

  /**
   * Returns once {@code thread} waits inside the store's exclusive GC lock (or {@code work} is
   * done, which the caller's assertion then reports): what prune does while a lease is held,
   * observed instead of assumed after a sleep.
   */
  private static void awaitWaitingForTheGcLock(Thread thread, Future<?> work) {
    while (!work.isDone() && !(thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
        .anyMatch(f -> f.getClassName().equals(StoreLocks.class.getName()) && f.getMethodName().equals("acquireExclusive")))) {
      Thread.onSpinWait();
    }
  }
}
