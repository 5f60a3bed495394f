package io.kubefile.run;

import io.kubefile.files.AtomicFiles;
import java.io.IOException;
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
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A {@code Config} document of a Clusterfile (SEALOS_RUN.md §2.2, R29): changes one file of the
 * images it matches ({@code spec.match}, the image reference as written in {@code spec.image};
 * empty matches every image) before the files go to the hosts, so the file arrives changed wherever
 * that image's files go. Strategies: {@code merge} deep-merges {@code data} into every YAML
 * document of the file (data wins, maps merged, lists replaced); {@code insert} puts {@code data}
 * before the file and {@code append} after it, joined with a newline; {@code override} (or none)
 * replaces it. A missing file counts as empty.
 */
public record ClusterConfig(String name, String match, String strategy, String path, String data) {

  /** The Config documents of {@code clusterfile}, checked. */
  public static List<ClusterConfig> of(Clusterfile clusterfile) {
    List<ClusterConfig> configs = new ArrayList<>();
    for (Map<String, Object> doc : clusterfile.documentsOfKind("Config")) {
      Map<?, ?> metadata = doc.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
      Map<?, ?> spec = doc.get("spec") instanceof Map<?, ?> m ? m : Map.of();
      String name = text(metadata.get("name"));
      ClusterConfig config = new ClusterConfig(name, text(spec.get("match")), text(spec.get("strategy")),
          text(spec.get("path")), text(spec.get("data")));
      config.check();
      configs.add(config);
    }
    return configs;
  }

  private void check() {
    String label = "Config " + (name.isEmpty() ? "(no name)" : name);
    if (path.isEmpty()) {
      throw new RunException(label + ": spec.path is required");
    }
    Path relative = Path.of(path).normalize();
    if (relative.isAbsolute() || relative.startsWith("..")) {
      throw new RunException(label + ": spec.path " + path + " must be a path inside the image");
    }
    if (!List.of("", "merge", "override", "insert", "append").contains(strategy)) {
      throw new RunException(label + ": unknown spec.strategy \"" + strategy + "\" (merge, override, insert or append)");
    }
  }

  public boolean matches(String image) {
    return match.isEmpty() || match.equals(image);
  }

  /** The path inside the image, normalized as the file manifests spell it. */
  public String relativePath() {
    return Path.of(path).normalize().toString();
  }

  /** The file's new content given its current content ({@code null} when it does not exist). */
  public String apply(String existing) {
    String old = existing == null ? "" : existing;
    return switch (strategy) {
      case "merge" -> merge(old);
      case "insert" -> data + "\n" + old;
      case "append" -> old + "\n" + data;
      default -> data;
    };
  }

  /**
   * Applies the configs that match {@code image} to its files: each changed file is written under
   * {@code dir} and its manifest entry pointed there, so the extracted image (reused by later runs)
   * is never changed.
   */
  public static void applyAll(List<ClusterConfig> configs, String image, Map<String, FileManifest.Entry> files, Path dir)
      throws IOException {
    for (ClusterConfig config : configs) {
      if (!config.matches(image)) {
        continue;
      }
      String rel = config.relativePath();
      FileManifest.Entry entry = files.get(rel);
      if (entry != null && entry.type() != 'f') {
        throw new RunException("Config " + config.name() + ": " + rel + " in " + image + " is not a regular file");
      }
      String existing = entry == null ? null : Files.readString(entry.source(), StandardCharsets.UTF_8);
      Path target = dir.resolve(rel);
      Files.createDirectories(target.getParent());
      byte[] content = config.apply(existing).getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(target, content);
      files.put(rel, new FileManifest.Entry('f', entry == null ? 0644 : entry.mode(), content.length,
          FileManifest.sha256(target), target));
      addParents(files, rel, dir);
    }
  }

  /** A file that did not exist may need its directories in the manifest too. */
  private static void addParents(Map<String, FileManifest.Entry> files, String rel, Path dir) {
    Path parent = Path.of(rel).getParent();
    while (parent != null) {
      files.putIfAbsent(parent.toString(), new FileManifest.Entry('d', 0755, 0, "", dir.resolve(parent.toString())));
      parent = parent.getParent();
    }
  }

  private String merge(String old) {
    Object patch = load(data, "data");
    if (!(patch instanceof Map<?, ?> patchMap)) {
      throw new RunException("Config " + name + ": strategy merge needs data that is a YAML mapping");
    }
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    List<String> out = new ArrayList<>();
    // As sealos: the file is split on "---\n" and each document merged on its own.
    for (String document : old.split("---\n", -1)) {
      Object parsed = load(document, path);
      Map<String, Object> merged = parsed instanceof Map<?, ?> map ? copy(map) : new LinkedHashMap<>();
      mergeInto(merged, patchMap);
      out.add(new Dump(settings).dumpToString(merged));
    }
    return String.join("---\n", out);
  }

  @SuppressWarnings("unchecked")
  private static void mergeInto(Map<String, Object> target, Map<?, ?> patch) {
    patch.forEach((key, value) -> {
      String k = String.valueOf(key);
      if (value instanceof Map<?, ?> patchMap && target.get(k) instanceof Map<?, ?> existing) {
        Map<String, Object> merged = copy(existing);
        mergeInto(merged, patchMap);
        target.put(k, merged);
      } else {
        target.put(k, value);
      }
    });
  }

  private static Map<String, Object> copy(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private Object load(String yaml, String what) {
    try {
      return new Load(LoadSettings.builder().setLabel(what).build()).loadFromString(yaml);
    } catch (YamlEngineException e) {
      throw new RunException("Config " + name + ": " + what + " is not valid YAML: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
