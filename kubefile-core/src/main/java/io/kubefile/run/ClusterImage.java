package io.kubefile.run;

import io.kubefile.image.Digest;
import io.kubefile.image.RuntimeConfig;
import io.kubefile.store.StoredImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image as {@code run} sees it (SEALOS_COMPAT §6.1): its type, its ENV without {@code PATH},
 * its labels, and ENTRYPOINT/CMD with every {@code /bin/sh} and {@code -c} element dropped, each
 * remaining element being one shell command.
 */
public record ClusterImage(
    String name, StoredImage stored, ImageType type, Map<String, String> env, Map<String, String> labels,
    List<String> entrypoint, List<String> cmd) {

  public static ClusterImage of(String name, StoredImage stored) {
    RuntimeConfig config = stored.config().config();
    Map<String, String> labels = config.labels() == null ? Map.of() : Map.copyOf(config.labels());
    Map<String, String> env = new LinkedHashMap<>();
    if (config.env() != null) {
      for (String entry : config.env()) {
        int eq = entry.indexOf('=');
        String key = eq < 0 ? entry : entry.substring(0, eq);
        if (!key.equals("PATH")) {
          env.put(key, eq < 0 ? "" : entry.substring(eq + 1));
        }
      }
    }
    ClusterImage image = new ClusterImage(name, stored, ImageType.of(labels, name), env, labels,
        commands(config.entrypoint()), commands(config.cmd()));
    image.validate();
    return image;
  }

  /**
   * Equal when the names and image IDs are: every other component is derived from the stored image.
   * Written out because the generated methods would hash the whole image config record by record,
   * and bootstrapping them spun ~70 method-handle classes at the start of every run (~0.07 s; the
   * images are map keys in {@link RunPipeline}).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterImage other && Objects.equals(name, other.name) && Objects.equals(id(), other.id());
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, id());
  }

  private Digest id() {
    return stored == null ? null : stored.id();
  }

  private void validate() {
    if (type == ImageType.ROOTFS) {
      String version = labels.get("sealos.io.version");
      if (version != null && !version.equals("v1beta1") && !version.equals("v1beta2")) {
        throw new RunException("rootfs image " + name + " has sealos.io.version \"" + version + "\"; v1beta1 or v1beta2 is required");
      }
    }
  }

  private static List<String> commands(List<String> elements) {
    List<String> out = new ArrayList<>();
    if (elements != null) {
      for (String element : elements) {
        if (!element.equals("/bin/sh") && !element.equals("-c")) {
          out.add(element);
        }
      }
    }
    return out;
  }

  /** The name of its directory: {@code <cluster>-<first 8 of the image ID>}, stable across runs. */
  public String mountName(String cluster) {
    return cluster + "-" + stored.id().hex().substring(0, 8);
  }
}
