package io.kubefile.benchmarks;

import java.util.SplittableRandom;

/** Incompressible bytes from a fixed seed, like the layers of the W1 workload. */
final class RandomData {
  private RandomData() {}

  static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i += 8) {
      long v = random.nextLong();
      for (int j = 0; j < 8 && i + j < size; j++) {
        data[i + j] = (byte) (v >>> (8 * j));
      }
    }
    return data;
  }
}
