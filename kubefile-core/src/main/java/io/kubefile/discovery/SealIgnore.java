package io.kubefile.discovery;

import io.kubefile.image.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code .sealignore} file: image names, one per line, compared as exact strings (no trimming, no
 * comments), as upstream does (SEALOS_COMPAT §2.7).
 *
 * <p>Upstream compares against its own spellings, which differ per source (manifests: normalized without
 * a default tag and without a digest after a tag; shim: the line as written), and drops an image only when
 * every spelling of it is ignored. We do the same per source, and also accept our full normalized name, so
 * that existing ignore files keep working and a line copied from {@code kubefile list-images} works too.
 * Archives from {@code tar.txt} are never ignored.
 */
final class SealIgnore {
  static final String FILE = ".sealignore";

  private final Set<String> lines;

  private SealIgnore(Set<String> lines) {
    this.lines = lines;
  }

  static SealIgnore read(Path context) {
    Path file = context.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return new SealIgnore(Set.of());
    }
    return new SealIgnore(new HashSet<>(TextLines.read(file)));
  }

  void applyTo(ImageCollector collector) {
    if (lines.isEmpty()) {
      return;
    }
    collector.removeIf(this::ignores);
  }

  private boolean ignores(ImageLocation location, List<ImageSource> sources) {
    if (lines.contains(location.toString()) || lines.contains(location.toNormalizedString())) {
      return sources.stream().noneMatch(s -> s.kind() == SourceKind.ARCHIVE);
    }
    return sources.stream().allMatch(s -> lines.contains(upstreamSpelling(location, s)));
  }

  /** How upstream's list spells the image this source contributed (SEALOS_COMPAT §2.1, §2.4). */
  private static String upstreamSpelling(ImageLocation location, ImageSource source) {
    return switch (source.kind()) {
      case SHIM -> source.text();
      case MANIFEST, CHART -> {
        ImageReference ref = location.reference();
        if (ref.tag().isPresent() && !ref.isTagImplied()) {
          yield ref.name() + ":" + ref.tag().get();
        }
        yield ref.name() + ref.digest().map(d -> "@" + d).orElse("");
      }
      case ARCHIVE -> null;
    };
  }
}
