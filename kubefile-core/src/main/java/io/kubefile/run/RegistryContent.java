package io.kubefile.run;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code registry/} directories of the images of a run, merged (Docker distribution storage:
 * blobs under their digest, repositories as link files) and checked: every blob's SHA-256 must be
 * the digest it is stored under, so a corrupt local blob is never sent, and a blob the host has
 * under the same name needs no sending ({@link TreeSync}).
 */
public final class RegistryContent {
  private RegistryContent() {}

  /** Adds the entries of one image's {@code registry/} (manifest relative to it) to {@code merged}, over those of earlier images ({@link FileOverlay}). */
  public static void merge(Map<String, FileManifest.Entry> merged, FileManifest registry, String image) {
    for (Map.Entry<String, FileManifest.Entry> e : registry.entries().entrySet()) {
      String rel = e.getKey();
      FileManifest.Entry entry = e.getValue();
      String[] parts = rel.split("/");
      // docker/registry/v2/blobs/sha256/ab/<hex>/data
      if (entry.type() == 'f' && parts.length == 8 && parts[3].equals("blobs") && parts[7].equals("data")
          && !parts[6].equals(entry.content())) {
        throw new RunException("registry/ of " + image + ": blob " + parts[4] + ":" + parts[6]
            + " does not match its digest (its content hashes to " + parts[4] + ":" + entry.content() + ")");
      }
    }
    FileOverlay.stack(merged, registry.entries());
  }

  public static FileManifest of(Map<String, FileManifest.Entry> merged) {
    return new FileManifest(new TreeMap<>(merged));
  }
}
