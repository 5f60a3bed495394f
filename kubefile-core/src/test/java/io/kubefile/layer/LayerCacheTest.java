package io.kubefile.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {
  @TempDir Path tmp;

  private List<LayerEntry> entriesFor(Path file) throws Exception {
    return List.of(LayerEntry.directory("opt", 0755, 0, 0),
        LayerEntry.file("opt/bin", file, Files.size(file), 0755, 0, 0));
  }

  @Test
  void theKeyIsStableForUntouchedFilesAndIndependentOfOrder() throws Exception {
    Path file = Files.writeString(tmp.resolve("bin"), "v1");
    LayerCache cache = new LayerCache(tmp.resolve("cache"));
    List<LayerEntry> entries = entriesFor(file);
    assertThat(cache.key(entries, Instant.EPOCH)).isEqualTo(cache.key(List.of(entries.get(1), entries.get(0)), Instant.EPOCH));
    assertThat(cache.key(entries, Instant.EPOCH)).isNotEqualTo(cache.key(entries, Instant.ofEpochSecond(1)));
  }

  @Test
  void rewritingAFileInPlaceChangesTheKeyEvenWithTheSameSizeAndMtime() throws Exception {
    Path file = Files.writeString(tmp.resolve("bin"), "v1");
    FileTime mtime = Files.getLastModifiedTime(file);
    LayerCache cache = new LayerCache(tmp.resolve("cache"));
    String before = cache.key(entriesFor(file), Instant.EPOCH);
    awaitNextChangeTime(file);
    Files.writeString(file, "v2");
    Files.setLastModifiedTime(file, mtime);
    assertThat(cache.key(entriesFor(file), Instant.EPOCH)).isNotEqualTo(before);
  }

  @Test
  void aRecordedLayerIsFoundOnlyWhileItsBlobExists() throws Exception {
    LayerCache cache = new LayerCache(tmp.resolve("cache"));
    Digest digest = Digest.sha256("layer".getBytes());
    cache.record("k1", new LayerBlob(null, MediaTypes.OCI_LAYER, digest, 5, digest));
    assertThat(cache.find("k1", d -> true)).get().extracting(LayerBlob::digest).isEqualTo(digest);
    assertThat(cache.find("k1", d -> false)).isEmpty();
    assertThat(cache.find("unknown", d -> true)).isEmpty();
    Files.writeString(tmp.resolve("cache/k2.json"), "{broken");
    assertThat(cache.find("k2", d -> true)).as("a damaged record is a miss, not an error").isEmpty();
  }

  @Test
  void twoBuildsAskingForTheSameKeyAtOnceMakeTheLayerOnce() throws Exception {
    Digest digest = Digest.sha256("layer".getBytes());
    AtomicInteger made = new AtomicInteger();
    CountDownLatch bothAsking = new CountDownLatch(2);
    List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r);
      workers.add(t);
      return t;
    });
    try {
      List<Future<LayerBlob>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        // two caches on one directory, as two platforms' builds have
        LayerCache cache = new LayerCache(tmp.resolve("cache"));
        results.add(pool.submit(() -> {
          bothAsking.countDown();
          bothAsking.await(10, TimeUnit.SECONDS);
          return cache.findOrMake("k", d -> true, () -> {
            made.incrementAndGet();
            // Made only once the other build is asking (blocked on this key), or is making it too.
            Thread other = workers.stream().filter(t -> t != Thread.currentThread()).findFirst().orElseThrow();
            while (other.getState() != Thread.State.BLOCKED && made.get() < 2) {
              Thread.onSpinWait();
            }
            return new LayerBlob(null, MediaTypes.OCI_LAYER, digest, 5, digest);
          });
        }));
      }
      for (Future<LayerBlob> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS).digest()).isEqualTo(digest);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(made).as("the second found the first one's record").hasValue(1);
  }

  /**
   * Returns once the file system stamps a change later than {@code file}'s ctime (its clock is
   * coarse: a rewrite within the same tick keeps the ctime, the racy case no stat-based cache can
   * see), found by touching a probe file rather than by sleeping a guessed while.
   */
  private static void awaitNextChangeTime(Path file) throws Exception {
    FileTime before = (FileTime) Files.getAttribute(file, "unix:ctime");
    Path probe = file.resolveSibling(file.getFileName() + ".probe");
    do {
      Files.writeString(probe, "tick");
    } while (((FileTime) Files.getAttribute(probe, "unix:ctime")).compareTo(before) <= 0);
    Files.delete(probe);
  }
}
