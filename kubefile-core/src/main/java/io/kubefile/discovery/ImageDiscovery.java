package io.kubefile.discovery;

import io.kubefile.context.ContextRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds every image a cluster-image build context needs, from the same places as {@code sealos build}
 * (SEALOS_COMPAT §2): {@code manifests/}, {@code charts/} (rendered with Helm), {@code images/shim/}, minus
 * {@code .sealignore}, plus the archives of {@code images/skopeo/tar.txt}.
 *
 * <p>Deliberate differences from upstream (its §9): references are fully normalized ({@code nginx} is
 * {@code docker.io/library/nginx:latest}) so spellings of one image are one entry; a digest after a tag is
 * kept; invalid shim and tar.txt lines fail with file and line; unparsable {@code image:} lines are
 * reported in {@link DiscoveryResult#ignoredLines()} instead of vanishing.
 */
public final class ImageDiscovery {
  private ImageDiscovery() {}

  /**
   * @param context the build context directory
   * @throws DiscoveryException when a source is invalid (bad shim or tar.txt line, chart that fails to
   *     render, directory under charts/ that is not a chart)
   */
  public static DiscoveryResult discover(Path context, DiscoveryOptions options) {
    if (!Files.isDirectory(context)) {
      throw new DiscoveryException("build context is not a directory: " + context);
    }
    requireConfined(context, options);
    ImageCollector collector = new ImageCollector();
    if (options.reads(SourceKind.MANIFEST)) {
      new ManifestScanner(context).scanInto(collector);
    }
    if (options.reads(SourceKind.CHART)) {
      new ChartScanner(context, options.chartTimeout()).scanInto(collector);
    }
    if (options.reads(SourceKind.SHIM)) {
      new ShimListReader(context).readInto(collector);
    }
    SealIgnore.read(context).applyTo(collector);
    if (options.reads(SourceKind.ARCHIVE)) {
      new SkopeoTarList(context).readInto(collector);
    }
    return collector.result();
  }

  /**
   * The scanners read whole directories with ordinary file APIs, which follow symbolic links; a link
   * out of the context would let a build read (and report images from) any file on the host. So every
   * place discovery reads is checked first, links followed, to stay inside the context.
   */
  private static void requireConfined(Path context, DiscoveryOptions options) {
    ContextRoot root = new ContextRoot(context);
    List<Path> read = new ArrayList<>();
    if (options.reads(SourceKind.MANIFEST)) {
      read.add(context.resolve(ManifestScanner.DIRECTORY));
    }
    if (options.reads(SourceKind.CHART)) {
      read.add(context.resolve(ChartScanner.DIRECTORY));
    }
    if (options.reads(SourceKind.SHIM) || options.reads(SourceKind.ARCHIVE)) {
      read.add(context.resolve("images"));
    }
    read.add(context.resolve(SealIgnore.FILE));
    try {
      for (Path path : read) {
        root.requireConfined(path);
      }
    } catch (IOException e) {
      throw new DiscoveryException("cannot read the build context: " + e.getMessage(), e);
    }
  }

  /** Everything: {@code discover(context, DiscoveryOptions.all())}. */
  public static DiscoveryResult discover(Path context) {
    return discover(context, DiscoveryOptions.all());
  }
}
