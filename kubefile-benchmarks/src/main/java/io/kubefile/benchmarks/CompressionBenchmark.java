package io.kubefile.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * gzip of incompressible data (what registry/ blobs are) at several levels: the cost that storing
 * layers uncompressed avoids.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompressionBenchmark {
  @Param({"1", "6"})
  int level;

  byte[] data;

  @Setup
  public void setUp() {
    data = RandomData.bytes(16 * 1024 * 1024, 2);
  }

  @Benchmark
  public int gzip() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream(data.length + 1024);
    try (OutputStream out = new GZIPOutputStream(sink, 64 * 1024) {
      {
        def.setLevel(level);
      }
    }) {
      out.write(data);
    }
    return sink.size();
  }

  /** The JDK's Deflater without gzip framing, for reference. */
  @Benchmark
  public int deflaterOnly() {
    Deflater deflater = new Deflater(level, true);
    deflater.setInput(data);
    deflater.finish();
    byte[] buffer = new byte[64 * 1024];
    int total = 0;
    while (!deflater.finished()) {
      total += deflater.deflate(buffer);
    }
    deflater.end();
    return total;
  }
}
