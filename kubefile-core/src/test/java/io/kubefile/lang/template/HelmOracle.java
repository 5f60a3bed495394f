package io.kubefile.lang.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Go's real text/template and sprig, as embedded in helm-java, used as an independent oracle.
 * Helm renders only charts, so TEXT becomes the body of a {@code define} in a synthetic chart whose
 * values are VALUES_JSON, and the chart prints the rendered body as a JSON string (Helm parses every
 * rendered file as YAML). Templates address the data as {@code .Values...}; the Java engine gets
 * {@code {"Values": values}} with the values read as Helm reads them (every number a float64).
 */
final class HelmOracle {
  static final String DEFINE = "kubefile.body";
  static final String FILE = "oracle/templates/t.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HelmOracle() {}

  /** The chart's template text around TEXT, the same for Helm and for the Java engine. */
  static String wrapped(String text) {
    return "{{define \"" + DEFINE + "\"}}" + text + "{{end}}";
  }

  /** Helm's rendering of TEXT, or the Go error message (Helm's wrapping removed). */
  static String render(Path work, String text, String valuesJson) {
    try {
      Path chart = Files.createTempDirectory(work, "chart");
      Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: oracle\nversion: 0.1.0\n");
      Files.writeString(chart.resolve("values.yaml"), valuesJson);
      Files.createDirectories(chart.resolve("templates"));
      Files.writeString(chart.resolve("templates/t.yaml"),
          wrapped(text) + "\nrendered: {{ include \"" + DEFINE + "\" . | toJson }}\n");
      String out;
      try {
        out = new Helm(chart).template().withName("dryrun").call();
      } catch (RuntimeException e) {
        return "ERROR " + goError(e.getMessage());
      }
      for (String line : out.split("\n")) {
        if (line.startsWith("rendered: ")) {
          return JSON.readValue(line.substring("rendered: ".length()), String.class);
        }
      }
      throw new IllegalStateException("no rendering in helm output: " + out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Go template error inside Helm's message. */
  static String goError(String helmMessage) {
    String m = helmMessage.stripLeading();
    int newline = m.indexOf('\n');
    if (newline >= 0) {
      m = m.substring(0, newline);
    }
    int call = m.lastIndexOf("error calling include: ");
    if (call >= 0) {
      return m.substring(call + "error calling include: ".length());
    }
    int parse = m.indexOf("parse error at (");
    if (parse >= 0) {
      int close = m.indexOf("): ", parse);
      return "template: " + m.substring(parse + "parse error at (".length(), close) + ": " + m.substring(close + 3);
      // (Helm kept only the last ": "-separated part of the Go message; java() does the same)
    }
    return m;
  }

  /** The Java engine on the same wrapped text and data, in the same form as {@link #render}. */
  static String java(String text, String valuesJson) {
    try {
      java.util.Map<String, Parser.Tree> trees = new java.util.LinkedHashMap<>();
      Parser.parse(FILE, wrapped(text) + "\nrendered: {{ \"\" }}\n", GoTemplate.FunctionSet.SEALOS.functions, trees);
      Object values = GoJson.unmarshal(valuesJson.isBlank() ? "{}" : valuesJson);
      StringBuilder out = new StringBuilder();
      Executor.execute(trees.get(DEFINE), trees, GoTemplate.FunctionSet.SEALOS.functions,
          java.util.Map.of("Values", values), out);
      return out.toString();
    } catch (TemplateException e) {
      String m = e.getMessage();
      if (!m.contains(": executing \"")) {
        // Helm keeps only the first and last ": "-separated parts of a parse error
        String[] tokens = m.split(": ");
        m = tokens[0] + ": " + tokens[1] + ": " + tokens[tokens.length - 1];
      }
      return "ERROR " + m;
    }
  }
}
