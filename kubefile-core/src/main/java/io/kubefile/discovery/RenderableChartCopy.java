package io.kubefile.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A temporary copy of a chart, prepared so that helm-java's {@code template} renders what upstream renders
 * (SEALOS_COMPAT §2.3): vendored {@code .tgz} subcharts unpacked so they can be rewritten too; {@code
 * lookup} calls and hook annotations rewritten ({@link TemplateRewriter}); each {@code NOTES.txt} turned
 * into a regular template, because upstream scans rendered notes and helm-java drops them; undeclared
 * {@code kubeVersion} and non-vendored dependencies removed ({@link ChartYaml}). The user's chart is never
 * modified.
 */
final class RenderableChartCopy {
  static final String NOTES = "NOTES.txt";
  /** The template that carries a chart's rendered NOTES.txt; line 1 is its YAML key. */
  static final String NOTES_CARRIER = "kubefile-rendered-NOTES.yaml";
  private static final String NOTES_DEFINITION = "_kubefile-rendered-NOTES.tpl";
  private static final String EXTRACTED_SUFFIX = "-kubefile-unpacked";

  private final String where;
  private int notesCount;

  private RenderableChartCopy(String where) {
    this.where = where;
  }

  /** Copies {@code entry} into {@code workDir} and prepares it; returns the chart directory to render. */
  static Path prepare(ChartEntry entry, Path workDir) {
    Path chart = workDir.resolve("chart");
    if (entry.isArchive()) {
      ChartArchive.extract(entry.path(), chart, entry.relativePath());
    } else {
      copyTree(entry.path(), chart);
    }
    RenderableChartCopy copy = new RenderableChartCopy(entry.relativePath());
    List<String> vendored = copy.prepareChart(chart);
    ChartYaml.relaxForOfflineRendering(chart, vendored, entry.relativePath());
    return chart;
  }

  /** Prepares one chart and its vendored subcharts; returns the names of its vendored subcharts. */
  private List<String> prepareChart(Path chart) {
    List<String> vendored = new ArrayList<>();
    for (Path subchart : unpackSubcharts(chart.resolve("charts"))) {
      vendored.add(ChartYaml.name(subchart, where));
      prepareChart(subchart);
    }
    Path templates = chart.resolve("templates");
    if (Files.isDirectory(templates)) {
      wrapNotes(templates);
      for (Path file : regularFiles(templates)) {
        rewrite(file, text -> TemplateRewriter.withoutHooks(TemplateRewriter.withoutClusterLookups(text)));
      }
    }
    Path values = chart.resolve("values.yaml");
    if (Files.isRegularFile(values)) {
      rewrite(values, TemplateRewriter::withoutHooks);
    }
    return vendored;
  }

  /**
   * Unpacks {@code *.tgz} subcharts next to themselves and returns every subchart directory. Like Helm's
   * loader, entries whose name starts with {@code _} or {@code .} are not charts, nor are other files.
   */
  private List<Path> unpackSubcharts(Path chartsDir) {
    if (!Files.isDirectory(chartsDir)) {
      return List.of();
    }
    List<Path> subcharts = new ArrayList<>();
    for (Path entry : list(chartsDir)) {
      String name = entry.getFileName().toString();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(entry)) {
        subcharts.add(entry);
      } else if (name.toLowerCase(Locale.ROOT).endsWith(".tgz")) {
        Path unpacked = chartsDir.resolve(name.substring(0, name.length() - 4) + EXTRACTED_SUFFIX);
        ChartArchive.extract(entry, unpacked, where + "/charts/" + name);
        delete(entry);
        subcharts.add(unpacked);
      }
    }
    return subcharts;
  }

  /**
   * Moves NOTES.txt into a named template and adds a carrier template that includes it as a YAML block
   * scalar, so Helm renders it with the chart's values and keeps it in the output, line for line.
   */
  private void wrapNotes(Path templates) {
    Path notes = templates.resolve(NOTES);
    if (!Files.isRegularFile(notes)) {
      return;
    }
    String definition = "kubefile.rendered-notes." + (++notesCount);
    String text = read(notes);
    write(templates.resolve(NOTES_DEFINITION), "{{ define \"" + definition + "\" }}" + text + "{{ end }}");
    write(
        templates.resolve(NOTES_CARRIER),
        "kubefile-rendered-notes: |2\n{{ include \"" + definition + "\" . | indent 2 }}\n");
    delete(notes);
  }

  private interface TextEdit {
    String apply(String text);
  }

  private static void rewrite(Path file, TextEdit edit) {
    String text = read(file);
    String edited = edit.apply(text);
    if (!edited.equals(text)) {
      write(file, edited);
    }
  }

  private static void copyTree(Path source, Path target) {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path destination = target.resolve(TextLines.relative(source, path));
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else if (Files.isRegularFile(path)) {
          Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source, e);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static List<Path> regularFiles(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String read(Path file) {
    try {
      // Lenient decoding: a stray non-UTF-8 byte must not stop rendering (files are only rewritten on edits).
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
