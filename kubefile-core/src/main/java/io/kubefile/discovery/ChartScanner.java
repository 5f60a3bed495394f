package io.kubefile.discovery;

import java.nio.file.Path;

final class ChartScanner {
  private final Path context;

  ChartScanner(Path context) {
    this.context = context;
  }

  void scanInto(ImageCollector collector) {}
}
