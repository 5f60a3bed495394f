package io.kubefile.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.events.Event;

/** Reads and rewrites the few parts of a chart's {@code Chart.yaml} / {@code requirements.yaml} we need. */
final class ChartYaml {
  static final String CHART_FILE = "Chart.yaml";
  static final String REQUIREMENTS_FILE = "requirements.yaml";

  private ChartYaml() {}

  /** The chart's {@code name}; a missing or unreadable Chart.yaml is an error naming {@code where}. */
  static String name(Path chartDir, String where) {
    Map<String, Object> chart = load(chartDir.resolve(CHART_FILE), where);
    Object name = chart.get("name");
    if (!(name instanceof String s) || s.isBlank()) {
      throw new DiscoveryException(where + ": Chart.yaml has no name");
    }
    return s;
  }

  /**
   * snakeyaml-engine builds nodes recursively and has no depth setting, so {@code [[[[…]]]]} nested
   * thousands deep ended in a StackOverflowError. Its parser is a state machine, so the depth is
   * measured on the event stream first. Real charts nest a few dozen levels at most.
   */
  static final int MAX_NESTING_DEPTH = 1000;

  static void requireNestingAtMost(int limit, String text, Path file, String where) {
    int depth = 0;
    for (Event event : new Parse(LoadSettings.builder().build()).parseString(text)) {
      Event.ID id = event.getEventId();
      if (id == Event.ID.SequenceStart || id == Event.ID.MappingStart) {
        if (++depth > limit) {
          throw new DiscoveryException(where + ": " + file.getFileName() + " is nested more than " + limit
              + " levels deep");
        }
      } else if (id == Event.ID.SequenceEnd || id == Event.ID.MappingEnd) {
        depth--;
      }
    }
  }

  static Map<String, Object> load(Path file, String where) {
    if (!Files.isRegularFile(file)) {
      throw new DiscoveryException(where + " is not a Helm chart: Chart.yaml is missing");
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      requireNestingAtMost(MAX_NESTING_DEPTH, text, file, where);
      Object loaded = new Load(LoadSettings.builder().build()).loadFromString(text);
      if (!(loaded instanceof Map<?, ?> map)) {
        throw new DiscoveryException(where + ": " + file.getFileName() + " is not a YAML mapping");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> result = new LinkedHashMap<>((Map<String, Object>) map);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      if (e instanceof DiscoveryException) {
        throw e;
      }
      throw new DiscoveryException(where + ": cannot parse " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes {@code kubeVersion} and the declared dependencies whose name is not in {@code vendored}.
   * Upstream renders with Helm's engine directly, which checks neither; Helm's install action (behind
   * helm-java's template) rejects both. The file is only rewritten when something changes.
   */
  static void relaxForOfflineRendering(Path chartDir, List<String> vendored, String where) {
    Path chartFile = chartDir.resolve(CHART_FILE);
    Map<String, Object> chart = load(chartFile, where);
    boolean changed = chart.remove("kubeVersion") != null;
    changed |= dropMissingDependencies(chart, vendored);
    if (changed) {
      write(chartFile, chart);
    }
    Path requirementsFile = chartDir.resolve(REQUIREMENTS_FILE);
    if (Files.isRegularFile(requirementsFile)) {
      Map<String, Object> requirements = load(requirementsFile, where);
      if (dropMissingDependencies(requirements, vendored)) {
        write(requirementsFile, requirements);
      }
    }
  }

  private static boolean dropMissingDependencies(Map<String, Object> yaml, List<String> vendored) {
    if (!(yaml.get("dependencies") instanceof List<?> dependencies)) {
      return false;
    }
    List<Object> kept = new ArrayList<>();
    for (Object dependency : dependencies) {
      if (dependency instanceof Map<?, ?> d && vendored.contains(String.valueOf(d.get("name")))) {
        kept.add(dependency);
      }
    }
    if (kept.size() == dependencies.size()) {
      return false;
    }
    yaml.put("dependencies", kept);
    return true;
  }

  private static void write(Path file, Map<String, Object> yaml) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    try {
      Files.writeString(file, new Dump(settings).dumpToString(yaml), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
