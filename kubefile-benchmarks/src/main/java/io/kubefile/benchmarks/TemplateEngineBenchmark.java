package io.kubefile.benchmarks;

import com.marcnuri.helm.Helm;
import io.kubefile.lang.template.GoTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two candidate engines for {@code .tmpl} rendering on the corpus's real templates
 * (shared/corpus/cluster-image, system property kubefile.shared, default ../shared): the Java port
 * ({@link GoTemplate}) against the Go engine embedded by helm-java, reached the only way helm-java
 * allows, a synthetic chart per template whose values are the env. Warm: average time to render
 * all templates. First: a fresh JVM's first rendering (helm-java loads its Go shared library).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TemplateEngineBenchmark {
  static final Map<String, String> ENV = Map.of("NAMESPACE", "db", "MONGO_USER", "root", "MONGO_PASSWD", "pw",
      "disableDefaultStorageClass", "true", "fstype", "ext4", "storagePool", "pool9", "placementCount", "2",
      "directory", "/data/pool");

  List<String> templates;
  List<Path> charts;
  Path work;

  @Setup
  public void setUp() throws IOException {
    Path shared = Path.of(System.getProperty("kubefile.shared", "../shared"));
    try (Stream<Path> files = Files.walk(shared.resolve("corpus/cluster-image"))) {
      List<Path> paths = files.filter(p -> p.toString().endsWith(".tmpl")).sorted().toList();
      templates = new ArrayList<>();
      for (Path p : paths) {
        templates.add(Files.readString(p));
      }
    }
    if (templates.isEmpty()) {
      throw new IllegalStateException("no .tmpl files under " + shared);
    }
    work = Files.createTempDirectory("template-bench");
    charts = new ArrayList<>();
    for (int i = 0; i < templates.size(); i++) {
      charts.add(writeChart(work.resolve("c" + i), templates.get(i)));
    }
  }

  /** A chart whose only template is TEXT with the env as values, addressed as .KEY. */
  static Path writeChart(Path chart, String text) throws IOException {
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: bench\nversion: 0.1.0\n");
    StringBuilder values = new StringBuilder();
    ENV.forEach((k, v) -> values.append(k).append(": \"").append(v).append("\"\n"));
    Files.writeString(chart.resolve("values.yaml"), values);
    Files.writeString(chart.resolve("templates/t.yaml"), "{{with .Values}}" + text + "{{end}}");
    return chart;
  }

  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(work)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public int javaEngineWarm() {
    int n = 0;
    Map<String, String> data = GoTemplate.stringMap(ENV);
    for (String t : templates) {
      n += GoTemplate.parse("t", t).execute(data).length();
    }
    return n;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public int helmEngineWarm() {
    int n = 0;
    for (Path chart : charts) {
      n += new Helm(chart).template().withName("bench").call().length();
    }
    return n;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public int javaEngineFirst() {
    return javaEngineWarm();
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public int helmEngineFirst() {
    return helmEngineWarm();
  }
}
