package io.kubefile.discovery;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which of a build context's image sources to read.
 *
 * @param kinds the sources to read; {@code .sealignore} always applies
 */
public record DiscoveryOptions(Set<SourceKind> kinds) {
  public DiscoveryOptions {
    kinds = Set.copyOf(kinds);
  }

  /** Everything sealos reads: manifests, charts, shim lists and tar.txt. */
  public static DiscoveryOptions all() {
    return new DiscoveryOptions(EnumSet.allOf(SourceKind.class));
  }

  public static DiscoveryOptions only(SourceKind first, SourceKind... rest) {
    return new DiscoveryOptions(EnumSet.of(first, rest));
  }

  /** The same options without {@code kind}, e.g. {@code all().without(CHART)} to skip Helm. */
  public DiscoveryOptions without(SourceKind kind) {
    EnumSet<SourceKind> remaining = EnumSet.noneOf(SourceKind.class);
    remaining.addAll(kinds);
    remaining.remove(kind);
    return new DiscoveryOptions(remaining);
  }

  public boolean reads(SourceKind kind) {
    return kinds.contains(kind);
  }
}
