package io.kubefile.copy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads one copy transfers blobs on: a few at once, as podman does, and never blocking exit. */
final class BlobWorkers {
  /** containers/image copies up to 6 layers at a time; fewer keeps progress output readable. */
  static final int PARALLEL_TRANSFERS = 4;

  private BlobWorkers() {}

  static ExecutorService newPool() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(PARALLEL_TRANSFERS, task -> {
      Thread thread = new Thread(task, "kubefile-blob-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }
}
