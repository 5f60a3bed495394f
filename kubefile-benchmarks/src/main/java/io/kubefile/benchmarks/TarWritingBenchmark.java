package io.kubefile.benchmarks;

import io.kubefile.layer.LayerBlob;
import io.kubefile.layer.LayerBuilder;
import io.kubefile.layer.LayerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A whole layer (tar → SHA-256 → file) from files on disk: the COPY hot path. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TarWritingBenchmark {
  @Param({"8"})
  int files;

  @Param({"4194304"})
  int fileSize;

  Path dir;
  List<LayerEntry> entries;
  LayerBuilder builder;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("kubefile-bench");
    entries = new ArrayList<>();
    entries.add(LayerEntry.directory("data", 0755, 0, 0));
    for (int i = 0; i < files; i++) {
      Path f = Files.write(dir.resolve("f" + i), RandomData.bytes(fileSize, i));
      entries.add(LayerEntry.file("data/f" + i, f, fileSize, 0644, 0, 0));
    }
    builder = new LayerBuilder(Instant.EPOCH);
  }

  @Benchmark
  public LayerBlob layer() throws IOException {
    return builder.build(entries, dir.resolve("layer.tar"));
  }

  @TearDown
  public void tearDown() throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
