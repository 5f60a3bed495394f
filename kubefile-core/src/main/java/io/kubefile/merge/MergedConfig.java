package io.kubefile.merge;

import java.util.List;
import java.util.SortedMap;

/**
 * What a merged image is made of: labels and environment (sorted by key, as sealos writes them),
 * the concatenated ENTRYPOINT and CMD, and the images whose files are layered, in order.
 */
public record MergedConfig(SortedMap<String, String> labels, SortedMap<String, String> env,
    List<String> entrypoint, List<String> cmd, List<String> images) {
  public MergedConfig {
    labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
    env = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(env));
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    images = List.copyOf(images);
  }
}
