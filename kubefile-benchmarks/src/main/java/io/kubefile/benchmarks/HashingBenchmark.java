package io.kubefile.benchmarks;

import io.kubefile.image.Digest;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** SHA-256 throughput: the floor every layer and blob pays once. Report MB/s = size / time. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HashingBenchmark {
  @Param({"16777216"})
  int size;

  @Param({"65536", "262144"})
  int chunk;

  byte[] data;

  @Setup
  public void setUp() {
    data = RandomData.bytes(size, 1);
  }

  @Benchmark
  public byte[] sha256InChunks() {
    MessageDigest sha = Digest.newSha256();
    for (int off = 0; off < data.length; off += chunk) {
      sha.update(data, off, Math.min(chunk, data.length - off));
    }
    return sha.digest();
  }
}
