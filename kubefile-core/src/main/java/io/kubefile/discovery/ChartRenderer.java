package io.kubefile.discovery;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renders charts in a long-lived child process ({@link ChartRenderProcess}), so that the Go runtime of
 * the Helm engine never runs inside Kubefile (which keeps its SIGTERM/Ctrl-C handling) and a render
 * that exceeds the time limit is stopped for real, by killing the child.
 *
 * <p>One child serves every chart of the process, one render at a time: starting a JVM and loading
 * the engine costs about a second, paid once per Kubefile process (measured on ChartDiscoveryTest's
 * 15 discoveries: 11 s with the engine in-process, 70 s with a child per discovery, 21 s with one
 * shared child). A killed child is replaced for
 * the next chart; the child ends when its parent does, however that ends.
 */
final class ChartRenderer {
  private static final ChartRenderer SHARED = new ChartRenderer();
  private static final Duration STARTUP_LIMIT = Duration.ofMinutes(2);

  private Process process;
  private DataOutputStream requests;
  private InputStream answers;
  private Thread killOnExit;
  private ExecutorService reader;

  private ChartRenderer() {}

  static ChartRenderer shared() {
    return SHARED;
  }

  private record Answer(boolean ok, String body) {}

  /**
   * @param valuesFile {@code charts/<name>.values.yaml}, or null
   * @param where the chart's context-relative path, for error messages
   */
  synchronized String render(Path chart, Path valuesFile, String where, Duration timeout) {
    try {
      start();
      requests.writeUTF(chart.toAbsolutePath().toString());
      requests.writeUTF(valuesFile == null ? "" : valuesFile.toAbsolutePath().toString());
      requests.flush();
    } catch (IOException e) {
      stop();
      throw new DiscoveryException(where + ": cannot render chart: " + e.getMessage(), e);
    }
    Future<Answer> answer = reader.submit(this::readAnswer);
    Answer result;
    try {
      result = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      stop();
      throw new DiscoveryException(where + ": rendering the chart took longer than " + describe(timeout)
          + " (a template that never ends?); the limit is set with --chart-timeout or " + DiscoveryOptions.CHART_TIMEOUT_ENV);
    } catch (ExecutionException e) {
      stop();
      throw new DiscoveryException(where + ": cannot render chart: the chart renderer ended unexpectedly ("
          + e.getCause().getMessage() + ")", e.getCause());
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
      throw new DiscoveryException(where + ": interrupted while rendering the chart", e);
    }
    if (!result.ok()) {
      throw new DiscoveryException(where + ": cannot render chart: " + result.body());
    }
    return result.body();
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    stop();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A short-lived worker: small heap (Helm's Go heap is outside it), quick start over peak speed.
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"),
        ChartRenderProcess.class.getName(), Long.toString(ProcessHandle.current().pid())));
    process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Process started = process;
    killOnExit = new Thread(started::destroyForcibly, "kill-chart-renderer");
    Runtime.getRuntime().addShutdownHook(killOnExit);
    requests = new DataOutputStream(process.getOutputStream());
    answers = new BufferedInputStream(process.getInputStream());
    reader = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "chart-renderer-output");
      t.setDaemon(true);
      return t;
    });
    // Starting a JVM and loading the engine is not the chart's time; it has a limit of its own.
    try {
      reader.submit(this::readAnswer).get(STARTUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IOException("the chart renderer did not start within " + describe(STARTUP_LIMIT)
          + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the chart renderer", e);
    }
  }

  /** Reads up to the next marker line, then the answer it announces. */
  private Answer readAnswer() throws IOException {
    byte[] marker = ChartRenderProcess.MARKER.getBytes(StandardCharsets.UTF_8);
    while (true) {
      String line = readLine();
      if (line == null) {
        throw new IOException("it exited with status " + exitStatus());
      }
      int at = line.indexOf(ChartRenderProcess.MARKER);
      if (at < 0) {
        continue; // something the engine printed
      }
      String[] parts = line.substring(at + marker.length).trim().split(" ");
      int length = Integer.parseInt(parts[1]);
      byte[] body = answers.readNBytes(length);
      if (body.length != length) {
        throw new IOException("its answer was cut short");
      }
      return new Answer(parts[0].equals("OK"), new String(body, StandardCharsets.UTF_8));
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = answers.read()) != -1 && b != '\n') {
      line.write(b);
    }
    return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  private String exitStatus() {
    try {
      return process.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    release();
  }

  private void release() {
    if (killOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // the JVM is shutting down; the hook runs anyway
      }
      killOnExit = null;
    }
    if (reader != null) {
      reader.shutdownNow();
      reader = null;
    }
    process = null;
  }
}
