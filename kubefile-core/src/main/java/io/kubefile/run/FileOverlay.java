package io.kubefile.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Stacks the files of one image on those of the images before it, as container layers and
 * overlayfs do (and so sealos's merged mount of rootfs and patch images): a path holds what the
 * upper image has there, and what the upper image has decides what lies below it.
 *
 * <ul>
 *   <li>An upper file or symlink at {@code P} hides every lower entry at {@code P} and under
 *       {@code P/}: in overlayfs a non-directory is opaque. Keeping them (a plain map merge) left
 *       {@code etc/registry.yml} of the rootfs next to a patch's {@code etc -> /tmp/outside}, and
 *       sending both made the host write the rootfs's files through the link, as root, outside
 *       the rootfs (or fail, depending on which parallel transfer came first).
 *   <li>An upper directory at {@code P} replaces a lower file or symlink there; a lower directory
 *       there is merged with it (its entries stay unless the upper image replaces them).
 *   <li>An upper entry under {@code P/} where the upper image has no entry {@code P} itself (a
 *       file added by a Config document) still needs a directory there, so a lower file or
 *       symlink at {@code P} goes too.
 * </ul>
 */
final class FileOverlay {
  private FileOverlay() {}

  /** Puts {@code upper} over {@code merged}, dropping what it hides; {@code merged} is changed in place. */
  static void stack(Map<String, FileManifest.Entry> merged, Map<String, FileManifest.Entry> upper) {
    NavigableMap<String, FileManifest.Entry> sorted = upper instanceof NavigableMap<String, FileManifest.Entry> n ? n : new TreeMap<>(upper);
    List<String> hidden = new ArrayList<>();
    for (Map.Entry<String, FileManifest.Entry> lower : merged.entrySet()) {
      if (isHidden(lower.getKey(), lower.getValue(), sorted)) {
        hidden.add(lower.getKey());
      }
    }
    hidden.forEach(merged::remove);
    merged.putAll(upper);
  }

  private static boolean isHidden(String path, FileManifest.Entry lower, NavigableMap<String, FileManifest.Entry> upper) {
    FileManifest.Entry same = upper.get(path);
    if (same != null && (!isDirectory(same) || !isDirectory(lower))) {
      return true;
    }
    for (String parent : FileManifest.ancestors(path)) {
      FileManifest.Entry above = upper.get(parent);
      if (above != null && !isDirectory(above)) {
        return true;
      }
    }
    return !isDirectory(lower) && hasEntryUnder(path, upper);
  }

  private static boolean hasEntryUnder(String path, NavigableMap<String, FileManifest.Entry> upper) {
    String next = upper.ceilingKey(path + "/");
    return next != null && next.startsWith(path + "/");
  }

  static boolean isDirectory(FileManifest.Entry entry) {
    return entry.type() == 'd';
  }
}
