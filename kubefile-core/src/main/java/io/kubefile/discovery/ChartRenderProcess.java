package io.kubefile.discovery;

import com.marcnuri.helm.Helm;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process that renders charts for {@link ChartRenderer}: helm-java's Helm engine is a Go
 * shared library, and loading it into a JVM hands the process's signals to the Go runtime (SIGTERM
 * and Ctrl-C were ignored for the rest of the build), while a template that loops forever runs on a
 * goroutine no Java code can stop. In a process of its own, the Go runtime has no signals of ours to
 * take and a runaway render is ended by killing the process.
 *
 * <p>Protocol: {@code MARKER READY 0} once the engine is loaded, then requests on stdin ({@link java.io.DataOutputStream#writeUTF} chart path, values path
 * or ""), answers on stdout as a line {@code MARKER OK|ERR <bytes>} followed by that many bytes of
 * UTF-8 (rendered manifests, or the error message). Anything else the engine prints is skipped.
 */
public final class ChartRenderProcess {
  static final String MARKER = "\u0000kubefile-chart-render";
  private static final long PARENT_POLL_MILLIS = 200;

  private ChartRenderProcess() {}

  public static void main(String[] args) throws IOException {
    long parent = Long.parseLong(args[0]);
    // Only answers go to the real stdout; stray Java prints go to stderr.
    OutputStream answers = new FileOutputStream(FileDescriptor.out);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    watchParent(parent);
    try {
      Helm.version().call(); // loads the engine now, so that its start is not timed as a chart's render
    } catch (RuntimeException e) {
      // reported by the first render
    }
    answers.write((MARKER + " READY 0\n").getBytes(StandardCharsets.UTF_8));
    answers.flush();
    DataInputStream requests = new DataInputStream(new BufferedInputStream(System.in));
    while (true) {
      String chart;
      String values;
      try {
        chart = requests.readUTF();
        values = requests.readUTF();
      } catch (EOFException e) {
        return; // the parent closed the pipe: no more charts
      }
      String status;
      String body;
      try {
        body = HelmTemplateRenderer.render(Path.of(chart), values.isEmpty() ? null : Path.of(values));
        status = "OK";
      } catch (RuntimeException e) {
        body = e.getMessage() == null ? e.toString() : e.getMessage();
        status = "ERR";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      answers.write((MARKER + " " + status + " " + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
      answers.write(bytes);
      answers.flush();
    }
  }

  /**
   * Ends this process when the parent is gone, even mid-render: a parent killed with SIGKILL cannot
   * kill its child, and a looping template would otherwise run on for ever.
   */
  private static void watchParent(long parent) {
    Thread watchdog = new Thread(() -> {
      while (true) {
        boolean alive = ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
          Runtime.getRuntime().halt(1);
        }
        try {
          Thread.sleep(PARENT_POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
