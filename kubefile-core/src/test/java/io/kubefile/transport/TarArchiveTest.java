package io.kubefile.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries of one archive streamed at the same time, as the copier fetches blobs in parallel. */
class TarArchiveTest {
  @TempDir Path tmp;

  @Test
  void entries_read_in_parallel_each_get_their_own_bytes() throws Exception {
    int entries = 4;
    int size = 256 * 1024;
    Path tar = tmp.resolve("a.tar");
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
      for (int i = 0; i < entries; i++) {
        TarArchiveEntry entry = new TarArchiveEntry("blob" + i);
        entry.setSize(size);
        out.putArchiveEntry(entry);
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) i);
        out.write(content);
        out.closeArchiveEntry();
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(entries);
    try (TarArchive archive = TarArchive.open(tar, tmp.resolve("work"))) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int round = 0; round < 20; round++) {
        for (int i = 0; i < entries; i++) {
          int index = i;
          results.add(pool.submit(() -> {
            byte[] buffer = new byte[4096];
            long seen = 0;
            try (InputStream in = archive.open("blob" + index)) {
              for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int k = 0; k < n; k++) {
                  if (buffer[k] != (byte) index) {
                    return false;
                  }
                }
                seen += n;
                Thread.yield();
              }
            }
            return seen == size;
          }));
        }
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).as("every byte of every entry is its own").isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
