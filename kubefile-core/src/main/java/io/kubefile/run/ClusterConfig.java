package io.kubefile.run;

import io.kubefile.files.AtomicFiles;
import io.kubefile.lang.template.TemplateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A {@code Config} document of a Clusterfile (SEALOS_RUN.md §2.2, R29): changes one file of the
 * images it matches ({@code spec.match}, the image reference as written in {@code spec.image};
 * empty matches every image) before the files go to the hosts, so the file arrives changed wherever
 * that image's files go. Strategies: {@code merge} deep-merges {@code data} into every YAML
 * document of the file (data wins, maps merged, lists replaced); {@code insert} puts {@code data}
 * before the file and {@code append} after it, joined with a newline; {@code override} (or none)
 * replaces it. A missing file counts as empty. An image may bring Config documents of its own in
 * a {@code config.yml} at its root; they apply to that image's files before the Clusterfile's.
 */
public record ClusterConfig(String name, String match, String strategy, String path, String data) {

  /** The file at an image's root whose Config documents the image brings itself (sealos's {@code NewConfiguration}). */
  public static final String IMAGE_CONFIG = "config.yml";

  /** The Config documents of {@code clusterfile}, checked. */
  public static List<ClusterConfig> of(Clusterfile clusterfile) {
    return of(clusterfile.documentsOfKind("Config"), "");
  }

  /** Checked configs of {@code docs}; {@code source} names where they come from in errors (empty: the Clusterfile). */
  private static List<ClusterConfig> of(List<Map<String, Object>> docs, String source) {
    List<ClusterConfig> configs = new ArrayList<>();
    for (Map<String, Object> doc : docs) {
      Map<?, ?> metadata = doc.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
      Map<?, ?> spec = doc.get("spec") instanceof Map<?, ?> m ? m : Map.of();
      String name = text(metadata.get("name"));
      ClusterConfig config = new ClusterConfig(name, text(spec.get("match")), text(spec.get("strategy")),
          text(spec.get("path")), text(spec.get("data")));
      config.check(source);
      configs.add(config);
    }
    return configs;
  }

  /**
   * The Config documents of the {@value #IMAGE_CONFIG} at the root of {@code image}'s files
   * (SEALOS_RUN.md §2.2), none when it has no such file. Documents of other kinds are skipped, as
   * sealos skips them: an application may keep a config.yml of its own there.
   */
  static List<ClusterConfig> ofImage(String image, Map<String, FileManifest.Entry> files) throws IOException {
    FileManifest.Entry entry = files.get(IMAGE_CONFIG);
    if (entry == null || entry.type() != 'f') {
      return List.of();
    }
    String source = image + ": " + IMAGE_CONFIG;
    List<Map<String, Object>> docs = new ArrayList<>();
    try {
      for (Object doc : new Load(LoadSettings.builder().setLabel(source).build())
          .loadAllFromString(Files.readString(entry.source(), StandardCharsets.UTF_8))) {
        if (doc instanceof Map<?, ?> map && "Config".equals(map.get("kind"))) {
          docs.add(copy(map));
        }
      }
    } catch (YamlEngineException e) {
      // sealos logs this and installs without the image's configs; the image author would never learn why.
      throw new RunException(source + " is not valid YAML: " + yamlProblem(e));
    }
    return of(docs, source);
  }

  /** One line: where (the line the broken construct starts on) and what snakeyaml found. */
  private static String yamlProblem(YamlEngineException e) {
    if (e instanceof MarkedYamlEngineException marked) {
      Optional<Mark> mark = marked.getContextMark().or(marked::getProblemMark);
      String what = marked.getContext() == null ? marked.getProblem() : marked.getContext() + ": " + marked.getProblem();
      return mark.map(m -> "line " + (m.getLine() + 1) + ": ").orElse("") + what;
    }
    return e.getMessage().lines().findFirst().orElse("");
  }

  private void check(String source) {
    String label = (source.isEmpty() ? "" : source + ": ") + "Config " + (name.isEmpty() ? "(no name)" : name);
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
   * Applies the configs that match {@code image} to its files, after the image's own
   * {@value #IMAGE_CONFIG} documents (sealos prepends them, so where both change the same file
   * the Clusterfile's come last and win): each changed file is written under {@code dir} and its
   * manifest entry pointed there, so the extracted image (reused by later runs) is never changed.
   * A {@code .tmpl} a Config changed is rendered again with {@code renderEnv}: sealos applies the
   * Config documents before it renders (RunConfig comes before MountRootfs), so the change shows in
   * the rendered file. A Config on a rendered file itself wins over the image's rendering, where
   * sealos's rendering would overwrite it, unless a Config also changes that file's template: then,
   * as in sealos, the template is rendered last.
   */
  public static void applyAll(List<ClusterConfig> configs, String image, Map<String, FileManifest.Entry> files, Path dir,
      Map<String, String> renderEnv) throws IOException {
    List<ClusterConfig> all = new ArrayList<>(ofImage(image, files));
    all.addAll(configs);
    Set<String> changedTemplates = new LinkedHashSet<>();
    for (ClusterConfig config : all) {
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
      if (TemplateFiles.isRendered(rel)) {
        changedTemplates.add(rel);
      }
    }
    for (String template : changedTemplates) {
      Path rendered = TemplateFiles.renderOne(dir, template, renderEnv);
      String out = template.substring(0, template.length() - ".tmpl".length());
      files.put(out, new FileManifest.Entry('f', 0755, Files.size(rendered), FileManifest.sha256(rendered), rendered));
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
