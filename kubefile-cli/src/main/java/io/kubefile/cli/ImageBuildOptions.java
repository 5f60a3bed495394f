package io.kubefile.cli;

import io.kubefile.builder.BuildResult;
import io.kubefile.builder.ClusterImageBuild;
import io.kubefile.builder.KubefileBuilder;
import io.kubefile.builder.MultiPlatformBuild;
import io.kubefile.builder.MultiPlatformResult;
import io.kubefile.copy.PullPolicy;
import io.kubefile.image.Platform;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options of every command that builds an image into the store ({@code build} and {@code
 * merge}, which is a build of a generated Sealfile): names, platforms, time, pull policy, identity
 * label, quiet. One declaration, so both commands read them alike and their help says the same.
 */
public final class ImageBuildOptions {
  @Option(names = {"-t", "--tag"}, paramLabel = "NAME", description = "Name of the image (repeatable).")
  List<String> tags;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", split = ",",
      description = "Target platform (default: linux/<host arch>); several (repeated or comma-separated) build one"
          + " image index with an image per platform, in parallel.")
  List<String> platforms;

  @Option(names = "--timestamp", paramLabel = "SECONDS",
      description = "Set every time in the image to this Unix time (default: $SOURCE_DATE_EPOCH, else now); makes builds reproducible.")
  Long timestamp;

  @Option(names = "--pull", arity = "0..1", fallbackValue = "true", defaultValue = "missing", paramLabel = "POLICY",
      description = "Pull the images built from (FROM, COPY --from, merge inputs): missing/false = only if not stored"
          + " (default), true/newer = if the registry's digest differs, always, never.")
  String pull;

  @Option(names = "--identity-label", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
      description = "Add the io.kubefile.version label (default: ${DEFAULT-VALUE}).")
  boolean identityLabel;

  @Option(names = {"-q", "--quiet"}, description = "Print only the image ID.")
  boolean quiet;

  List<String> tags() {
    return tags == null ? List.of() : tags;
  }

  boolean platformsGiven() {
    return platforms != null && !platforms.isEmpty();
  }

  /**
   * The {@code --platform} values (repeated or comma-separated), in order, each once; else the
   * host. A doubtful value is warned about once, however often it is given.
   */
  List<Platform> platforms(Consumer<String> warnings) {
    if (!platformsGiven()) {
      return List.of(Platform.host());
    }
    Set<Platform> targets = new LinkedHashSet<>();
    for (String value : platforms) {
      targets.add(PlatformOption.parse(value, warnings));
    }
    return List.copyOf(targets);
  }

  PullPolicy pullPolicy() {
    return PullPolicy.parse(pull);
  }

  /** Sets what these options say on a builder: names, time, identity label. */
  KubefileBuilder applyTo(KubefileBuilder builder) {
    tags().forEach(builder::tag);
    Instant time = timestamp(timestamp);
    if (time != null) {
      builder.timestamp(time);
    }
    if (identityLabel) {
      builder.identityLabel(new VersionProvider().version());
    }
    return builder;
  }

  /**
   * Builds the parts, one per platform: one part is an image, several an index of them; prints
   * the steps' end on stderr (unless quiet) and the image ID or index digest on {@code out}.
   */
  void build(ImageStore store, List<ClusterImageBuild> parts, List<Platform> platforms, BuildStepPrinter steps,
      PrintWriter out) throws IOException {
    if (parts.size() == 1) {
      BuildResult result = parts.get(0).build();
      if (!quiet) {
        steps.committed(result);
      }
      out.println(result.imageId().hex());
    } else {
      MultiPlatformResult result = MultiPlatformBuild.buildSaving(store, parts);
      if (!quiet) {
        steps.committed(result, platforms);
      }
      out.println(result.index().digest().hex());
    }
    out.flush();
  }

  /** {@code --timestamp} wins, then SOURCE_DATE_EPOCH, as buildah and reproducible-builds.org define. */
  static Instant timestamp(Long option) {
    if (option != null) {
      return Instant.ofEpochSecond(option);
    }
    String epoch = System.getenv("SOURCE_DATE_EPOCH");
    if (epoch != null && !epoch.isBlank()) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("SOURCE_DATE_EPOCH=" + epoch + " is not a number of seconds");
      }
    }
    return null;
  }
}
