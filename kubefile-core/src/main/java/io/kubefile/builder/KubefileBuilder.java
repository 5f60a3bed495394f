package io.kubefile.builder;

import io.kubefile.context.BuildContext;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.lang.instructions.Kubefile;
import io.kubefile.lang.parser.ParseException;
import io.kubefile.lang.parser.ParseWarning;
import io.kubefile.layer.LayerBuilder;
import io.kubefile.store.BlobInfo;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreLease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds a cluster image from a build directory into the local store, without a daemon, root or
 * container runtime. A fluent entry point in the style of Jib:
 *
 * <pre>{@code
 * BuildResult r = KubefileBuilder.forContext(dir).tag("example/hello:v1").store(store).build();
 * }</pre>
 */
public final class KubefileBuilder {
  /** The label that names the builder, as buildah's io.buildah.version does. */
  public static final String IDENTITY_LABEL = "io.kubefile.version";
  private static final Set<String> SEALOS_TYPES = Set.of("rootfs", "application", "patch");
  /** Layer files get this time unless a timestamp is given: fixed, so layers are reproducible. */
  private static final Instant DEFAULT_FILE_TIME = Instant.ofEpochSecond(1);

  private final Path context;
  private Path instructionFile;
  private final List<String> tags = new ArrayList<>();
  private final Map<String, String> buildArgs = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private Platform platform = Platform.host();
  private Instant timestamp;
  private ImageStore store;
  private BaseImageResolver baseImages;
  private Consumer<String> warnings = w -> {};
  private BuildProgress progress = BuildProgress.NONE;
  private String identityVersion;
  private String target;
  private Integer savedImages;
  private RegistryClient downloads;

  private KubefileBuilder(Path context) {
    this.context = context.toAbsolutePath().normalize();
  }

  public static KubefileBuilder forContext(Path context) {
    return new KubefileBuilder(context);
  }

  public KubefileBuilder instructionFile(Path file) {
    this.instructionFile = file;
    return this;
  }

  public KubefileBuilder tag(String name) {
    tags.add(name);
    return this;
  }

  public KubefileBuilder buildArg(String key, String value) {
    buildArgs.put(key, value);
    return this;
  }

  public KubefileBuilder label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  public KubefileBuilder env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /** The target platform (default: the host's). */
  public Platform platform() {
    return platform;
  }

  /** The names given with {@link #tag}, normalized. */
  public List<String> tags() {
    return normalizedTags();
  }

  public KubefileBuilder platform(Platform value) {
    this.platform = value;
    return this;
  }

  /** Fixes every time in the image (config, history, files): the same inputs give the same digest. */
  public KubefileBuilder timestamp(Instant value) {
    this.timestamp = value;
    return this;
  }

  public KubefileBuilder store(ImageStore value) {
    this.store = value;
    return this;
  }

  public KubefileBuilder baseImages(BaseImageResolver value) {
    this.baseImages = value;
    return this;
  }

  public KubefileBuilder warnings(Consumer<String> sink) {
    this.warnings = sink;
    return this;
  }

  /** Where to report each step and the commit (default: nowhere). */
  public KubefileBuilder progress(BuildProgress listener) {
    this.progress = listener;
    return this;
  }

  /** Adds {@value #IDENTITY_LABEL}={@code version}; null leaves it out. */
  public KubefileBuilder identityLabel(String version) {
    this.identityVersion = version;
    return this;
  }

  /**
   * How many images the save step put into registry/: enables the check that the Kubefile copies
   * them. (A Kubefile that copies a missing registry/ gets an empty one whether or not images were saved.)
   */
  public KubefileBuilder savedImages(int count) {
    this.savedImages = count;
    return this;
  }

  /**
   * The client that downloads {@code ADD https://...} sources, with its TLS settings, retries and
   * stall timeout (default: a client with default settings).
   */
  public KubefileBuilder downloads(RegistryClient client) {
    this.downloads = client;
    return this;
  }

  /** Builds the named stage instead of the last one. */
  public KubefileBuilder target(String stage) {
    this.target = stage;
    return this;
  }

  /** Builds the image and records it in the store under its tags (unnamed without tags). */
  public BuildResult build() throws IOException {
    return build(true);
  }

  /**
   * Builds the image's blobs into the store without naming or listing it: one platform's part of
   * a multi-platform build, which names the index instead. The caller holds a {@link
   * ImageStore#lease()} until the blobs are referenced, so that prune leaves them alone.
   */
  public BuildResult buildPart() throws IOException {
    return build(false);
  }

  private BuildResult build(boolean record) throws IOException {
    if (store == null) {
      throw new BuildException("no store to build into: call store(ImageStore) first");
    }
    if (!Files.isDirectory(context)) {
      throw new BuildException("build context " + context + " is not a directory");
    }
    List<String> names = normalizedTags();
    List<String> warned = new ArrayList<>();
    Consumer<String> warn = w -> {
      warned.add(w);
      warnings.accept(w);
    };
    Path file = InstructionFileLocator.locate(context, instructionFile, warn);
    Kubefile kubefile;
    try {
      kubefile = Kubefile.parse(Files.readAllBytes(file), displayName(file));
    } catch (ParseException e) {
      throw new BuildException(e.getMessage(), e);
    }
    // The parser's findings (buildkit's, e.g. empty continuation lines) before any step runs.
    for (ParseWarning finding : kubefile.parse().warnings()) {
      warn.accept(displayName(file) + ":" + finding.line() + ": " + finding.shortMessage());
    }
    String relativeName = file.startsWith(context) ? context.relativize(file).toString() : file.getFileName().toString();
    // Also without a save step (--save-image=false, library use): a COPY of a missing registry/ gets an
    // empty one and a warning either way, so the two modes agree.
    RegistryCopyLint.check(context, kubefile, savedImages == null ? 0 : savedImages, warn);
    BuildContext buildContext = BuildContext.open(context, relativeName);
    Instant created = timestamp != null ? timestamp : Instant.now();
    Instant fileTime = timestamp != null ? timestamp : DEFAULT_FILE_TIME;
    BaseImageResolver resolver = baseImages != null ? baseImages : new StoreBaseImages(store);

    try (StoreLease lease = store.lease()) {
      Path scratch = store.newTempPath("build");
      Files.createDirectories(scratch);
      try {
        List<StageState> finished = new ArrayList<>();
        LayerCopyExecutor copier = new LayerCopyExecutor(buildContext, store, new LayerBuilder(fileTime),
            scratch, (from, current) -> sourceFor(from, finished, resolver, scratch),
            downloads != null ? downloads : RegistryClient.builder().build());
        StageEvaluator evaluator = new StageEvaluator(kubefile, buildArgs, platform, resolver,
            copier, warn, finished::add)
            .withProgress(progress)
            .withBaseFilesystem(image -> SnapshotTree.lazy("image " + image.name(),
                () -> ImageSnapshots.unpack(store, image, scratch)));
        List<StageState> stages = evaluator.evaluate();
        StageState last = pickTarget(stages);
        applyOverrides(last);
        checkSealosType(last, warn);
        progress.committing(last.index + 1, kubefile.stages().size(), names);
        return write(last, record ? names : List.of(), record, created, warned);
      } finally {
        deleteRecursively(scratch);
      }
    }
  }

  private String displayName(Path file) {
    return file.getFileName().toString();
  }

  private List<String> normalizedTags() {
    List<String> names = new ArrayList<>();
    for (String tag : tags) {
      try {
        names.add(ImageReference.parse(tag).toString());
      } catch (ImageReference.InvalidReferenceException e) {
        throw new BuildException("invalid tag \"" + tag + "\": " + e.getMessage());
      }
    }
    return names;
  }

  private StageState pickTarget(List<StageState> stages) {
    if (target == null) {
      return stages.get(stages.size() - 1);
    }
    for (StageState s : stages) {
      if (target.toLowerCase(Locale.ROOT).equals(s.name)) {
        return s;
      }
    }
    throw new BuildException("target stage \"" + target + "\" could not be found");
  }

  private SnapshotTree sourceFor(String from, List<StageState> finished, BaseImageResolver resolver,
      Path scratch) throws IOException {
    String lower = from.toLowerCase(Locale.ROOT);
    for (StageState s : finished) {
      if (lower.equals(s.name)) {
        return s.filesystem;
      }
    }
    if (from.chars().allMatch(Character::isDigit) && !from.isEmpty()) {
      int index = Integer.parseInt(from);
      if (index < finished.size()) {
        return finished.get(index).filesystem;
      }
      throw new BuildException("--from=" + from + ": there is no earlier stage with that index");
    }
    return ImageSnapshots.unpack(store, resolver.resolve(from, platform), scratch);
  }

  private void applyOverrides(StageState s) {
    labels.forEach((k, v) -> {
      s.labels.remove(k);
      s.labels.put(k, v);
    });
    env.forEach((k, v) -> {
      s.env.remove(k);
      s.env.put(k, v);
    });
    if (identityVersion != null) {
      s.labels.put(IDENTITY_LABEL, identityVersion);
    }
  }

  private static void checkSealosType(StageState s, Consumer<String> warn) {
    String type = s.labels.get("sealos.io.type");
    if (type != null && !SEALOS_TYPES.contains(type)) {
      warn.accept("label sealos.io.type=\"" + type + "\" is not one of rootfs, application, patch;"
          + " sealos treats it as an application image");
    }
  }

  private BuildResult write(StageState s, List<String> names, boolean record, Instant created,
      List<String> warned)
      throws IOException {
    String createdText = created.toString();
    List<ImageConfig.History> history = new ArrayList<>();
    for (ImageConfig.History h : s.history) {
      history.add(h.created() != null ? h : new ImageConfig.History(createdText, h.createdBy(),
          h.author(), h.comment(), h.emptyLayer()));
    }
    ImageConfig config = new ImageConfig(createdText, s.author, platform.architecture(), platform.os(),
        platform.variant(), s.toRuntimeConfig(), new ImageConfig.RootFs("layers", s.diffIds), history);
    BlobInfo configBlob = store.putBlob(Json.bytes(config));
    Map<String, String> annotations = new LinkedHashMap<>();
    if (s.baseName != null) {
      annotations.put("org.opencontainers.image.base.name", s.baseName);
      annotations.put("org.opencontainers.image.base.digest", s.baseManifestDigest.toString());
    }
    ImageManifest manifest = ImageManifest.oci(
        Descriptor.of(MediaTypes.OCI_CONFIG, configBlob.digest(), configBlob.size()), s.layers, annotations);
    BlobInfo manifestBlob = store.putBlob(Json.bytes(manifest));
    Descriptor manifestDescriptor = Descriptor.of(MediaTypes.OCI_MANIFEST, manifestBlob.digest(),
        manifestBlob.size());
    if (!record) {
      // named by the caller, as part of an index
    } else if (names.isEmpty()) {
      store.addUnnamed(manifestDescriptor);
    } else {
      Map<String, Descriptor> tagged = new LinkedHashMap<>();
      names.forEach(n -> tagged.put(n, manifestDescriptor));
      store.tagAll(tagged);
    }
    Digest id = configBlob.digest();
    return new BuildResult(id, manifestDescriptor, names, config, warned);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Leftovers sit in the store's temp area, which prune clears.
    }
  }
}
