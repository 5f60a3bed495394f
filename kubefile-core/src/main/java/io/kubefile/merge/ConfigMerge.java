package io.kubefile.merge;

import io.kubefile.image.RuntimeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * sealos's merge of image configs ({@code MergeDockerfileFromImages}), as a pure function: labels
 * and environment merged in argument order with the later image winning, {@code PATH} dropped
 * (the merged image gets the default one), ENTRYPOINT and CMD arrays concatenated, and both type
 * labels forced to {@code rootfs} when any input is a rootfs image (a rootfs merged with
 * applications still has to be installed as the cluster's rootfs).
 */
public final class ConfigMerge {
  /** The label keys sealos reads an image's type from, in the order it looks at them. */
  static final List<String> TYPE_LABELS = List.of("sealos.io.type", "apps.sealos.io/type");
  static final String ROOTFS = "rootfs";

  private ConfigMerge() {}

  public static MergedConfig merge(List<MergeInput> inputs) {
    SortedMap<String, String> labels = new TreeMap<>();
    SortedMap<String, String> env = new TreeMap<>();
    List<String> entrypoint = new ArrayList<>();
    List<String> cmd = new ArrayList<>();
    List<String> images = new ArrayList<>();
    boolean rootfs = false;
    for (MergeInput input : inputs) {
      images.add(input.name());
      RuntimeConfig config = input.config().config();
      if (config == null) {
        continue;
      }
      if (config.labels() != null) {
        labels.putAll(config.labels());
        rootfs |= ROOTFS.equals(typeOf(config));
      }
      if (config.env() != null) {
        for (String entry : config.env()) {
          int eq = entry.indexOf('=');
          env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
      }
      if (config.entrypoint() != null) {
        entrypoint.addAll(config.entrypoint());
      }
      if (config.cmd() != null) {
        cmd.addAll(config.cmd());
      }
    }
    env.remove("PATH");
    if (rootfs) {
      TYPE_LABELS.forEach(key -> labels.put(key, ROOTFS));
    }
    return new MergedConfig(labels, env, entrypoint, cmd, images);
  }

  /** The first type label the image has, as sealos's {@code maps.GetFromKeys} picks it. */
  private static String typeOf(RuntimeConfig config) {
    for (String key : TYPE_LABELS) {
      String value = config.labels().get(key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
