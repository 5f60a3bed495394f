package io.kubefile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.lang.template.GoTemplate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data an {@code inspect -f} template sees. sealos executes the format on its Go structs, so its
 * users write Go field names ({@code .OCIv1.Config.Labels}); kubefile's users have written the JSON
 * keys ({@code .OCIv1.config.Labels}). Both work: each OCI object answers its Go field names as
 * aliases of its JSON keys, prints as the JSON object, and {@code Labels} is Go's {@code
 * map[string]string} ({@code index} of a missing label is "", as in sealos). The objects are Go
 * structs to the engine, so errors name a field's own type ("in type string") as sealos's do.
 */
final class InspectTemplateData {
  private static final Map<String, String> IMAGE_FIELDS = Map.of("Created", "created", "Author", "author",
      "Architecture", "architecture", "Variant", "variant", "OS", "os", "OSVersion", "os.version",
      "OSFeatures", "os.features", "Config", "config", "RootFS", "rootfs", "History", "history");
  private static final Map<String, String> ROOTFS_FIELDS = Map.of("Type", "type", "DiffIDs", "diff_ids");
  private static final Map<String, String> HISTORY_FIELDS = Map.of("Created", "created", "CreatedBy", "created_by",
      "Author", "author", "Comment", "comment", "EmptyLayer", "empty_layer");

  private InspectTemplateData() {}

  static Map<String, Object> of(Map<String, Object> view, JsonNode config) {
    Map<String, Object> values = new LinkedHashMap<>(view);
    values.put("OCIv1", image(config));
    return new AliasedObject(values, Map.of());
  }

  private static Object image(JsonNode config) {
    Map<String, Object> image = object(config, IMAGE_FIELDS);
    if (config.path("config").isObject()) {
      Map<String, Object> imageConfig = object(config.path("config"), Map.of());
      JsonNode labels = config.path("config").path("Labels");
      if (labels.isObject()) {
        Map<String, String> strings = new LinkedHashMap<>();
        labels.fields().forEachRemaining(e -> strings.put(e.getKey(), e.getValue().asText()));
        imageConfig.put("Labels", GoTemplate.stringMap(strings));
      }
      image.put("config", imageConfig);
    }
    if (config.path("rootfs").isObject()) {
      image.put("rootfs", object(config.path("rootfs"), ROOTFS_FIELDS));
    }
    if (config.path("history").isArray()) {
      List<Object> history = new ArrayList<>();
      config.path("history").forEach(h -> history.add(object(h, HISTORY_FIELDS)));
      image.put("history", history);
    }
    return image;
  }

  private static Map<String, Object> object(JsonNode node, Map<String, String> aliases) {
    Map<String, Object> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    return new AliasedObject(values, aliases);
  }

  /** A JSON object that also answers Go field names; iteration (printing, range) shows the JSON keys. */
  private static final class AliasedObject extends AbstractMap<String, Object> implements GoTemplate.StructData {
    private final Map<String, Object> values;
    private final Map<String, String> aliases;

    AliasedObject(Map<String, Object> values, Map<String, String> aliases) {
      this.values = values;
      this.aliases = aliases;
    }

    private String key(Object k) {
      return values.containsKey(k) ? (String) k : aliases.getOrDefault(k, String.valueOf(k));
    }

    @Override
    public boolean containsKey(Object k) {
      return values.containsKey(key(k));
    }

    @Override
    public Object get(Object k) {
      return values.get(key(k));
    }

    @Override
    public Object put(String k, Object v) {
      return values.put(k, v);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return values.entrySet();
    }
  }
}
