package io.kubefile.discovery;

import java.util.Optional;

/**
 * Sealos's heuristic for finding images in manifests and rendered charts (SEALOS_COMPAT §2.1): not YAML
 * parsing but a substring match. We keep it because users' images are found by it today (refs inside
 * ConfigMap block scalars, invalid-YAML templates); what it cannot parse is reported, not silently lost.
 */
final class ImageLineRule {
  private static final String MARKER = "image:";

  private ImageLineRule() {}

  /**
   * The candidate reference on {@code line}: the text after the first {@code image:} of a non-comment
   * line, trimmed, with one pair of quotes removed. Empty when the line has no {@code image:} or is a
   * comment. The value may be empty or unparsable; the caller decides.
   */
  static Optional<String> candidate(String line) {
    String s = line.strip();
    if (s.startsWith("#")) {
      return Optional.empty();
    }
    int idx = s.indexOf(MARKER);
    if (idx < 0) {
      return Optional.empty();
    }
    return Optional.of(TextLines.trimOneQuotePair(s.substring(idx + MARKER.length()).strip()));
  }
}
