package io.kubefile.save;

import io.kubefile.ErrorMessages;
import io.kubefile.Plural;
import io.kubefile.copy.BlobCache;
import io.kubefile.copy.CopyOptions;
import io.kubefile.copy.ImageCopier;
import io.kubefile.copy.RegistryDirectorySink;
import io.kubefile.copy.RegistrySources;
import io.kubefile.discovery.DiscoveredImage;
import io.kubefile.discovery.DiscoveryOptions;
import io.kubefile.discovery.DiscoveryResult;
import io.kubefile.discovery.IgnoredLine;
import io.kubefile.discovery.ImageDiscovery;
import io.kubefile.discovery.ImageLocation;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageReference;
import io.kubefile.image.Platform;
import io.kubefile.image.PlatformSelector;
import io.kubefile.image.RawManifest;
import io.kubefile.registrydir.RegistryDirectory;
import io.kubefile.registrydir.RepositoryCollisionException;
import io.kubefile.registrydir.RepositoryNaming;
import io.kubefile.registrydir.StoragePlan;
import io.kubefile.registrydir.StorageTarget;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreLease;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Saves the images a cluster image needs into its {@code registry/} directory (SEALOS_COMPAT §3),
 * fixing what upstream gets wrong (its §9):
 *
 * <ol>
 *   <li>names are planned first ({@link RepositoryNaming}: registry host dropped), so two pinned
 *       digests under one {@code repository:tag} fail before any network traffic;
 *   <li>every root manifest is resolved, in parallel; then two different images claiming one
 *       {@code repository:tag} fail naming both, before anything is written (upstream: last wins);
 *   <li>images are copied in parallel, up to {@code maxParallelImages} (upstream holds a mutex around
 *       each copy, so its {@code --max-pull-procs} never parallelizes), their blobs on one shared
 *       bounded pool. A blob needed by several images is downloaded once, blobs already in {@code
 *       registry/} (right size) are skipped and blobs in the local store are linked, not downloaded;
 *   <li>manifests and blobs are stored byte-for-byte, so digests are the source's; digest-pinned
 *       references are stored by digest, {@code name:tag@digest} by digest and tagged (upstream drops
 *       the digest);
 *   <li>a failing image fails with its reference and the file:line it came from, the others are still
 *       saved, and the save then fails listing every failure (upstream aborts on the first, or drops
 *       unparsable lines silently).
 * </ol>
 *
 * <p>Existing content of {@code registry/} is reused and never deleted; only temporary files of
 * interrupted earlier writes are removed at the end. Instances are reusable but not meant to run two
 * saves into one directory at once.
 */
public final class RegistrySaver {
  private final RegistryDirectory directory;
  private final RegistrySources sources;
  private final ImageStore store;
  private final Path context;
  private final Platform platform;
  private final boolean allPlatforms;
  private final int maxParallelImages;
  private final int maxParallelBlobs;
  private final Consumer<String> progress;
  private final Consumer<String> warnings;
  private final DiscoveryOptions discovery;

  private RegistrySaver(Builder builder) {
    this.directory = Objects.requireNonNull(builder.directory, "registryDirectory");
    this.sources = Objects.requireNonNull(builder.sources, "client or sources");
    this.store = Objects.requireNonNull(builder.store, "blobCache");
    this.context = builder.context != null ? builder.context : Path.of(".");
    this.platform = builder.platform != null ? builder.platform : Platform.host();
    this.allPlatforms = builder.allPlatforms;
    this.maxParallelImages = builder.maxParallelImages;
    this.maxParallelBlobs = builder.maxParallelBlobs > 0 ? builder.maxParallelBlobs : Math.max(8, 2 * maxParallelImages);
    // Images report from several threads; callers get one message at a time.
    this.progress = serialized(builder.progress);
    this.warnings = serialized(builder.warnings);
    this.discovery = builder.discovery != null ? builder.discovery : DiscoveryOptions.all();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Finds the images the build context references ({@link ImageDiscovery}: manifests/, charts/,
   * images/shim/, tar.txt, minus .sealignore) and saves them, as {@code sealos build} and {@code
   * registry save} do. Lines that mention {@code image:} but hold no reference are reported as warnings;
   * a context without images gets no {@code registry/}.
   */
  public SaveReport saveContextImages() throws IOException {
    DiscoveryResult found = ImageDiscovery.discover(context, discovery);
    for (IgnoredLine ignored : found.ignoredLines()) {
      warnings.accept("skipped " + ignored);
    }
    return save(found.images());
  }

  /**
   * Saves every image (duplicates by location collapse).
   *
   * @return what was saved; only returned when every image was
   * @throws RegistrySaveException when images collide (nothing written) or some could not be saved
   *     (the others are)
   */
  public SaveReport save(Collection<DiscoveredImage> images) throws IOException {
    List<DiscoveredImage> unique = unique(images);
    if (unique.isEmpty()) {
      return SaveReport.empty(); // as upstream: no image, no registry/ directory
    }
    planKnownNames(unique);
    ThreadFactory daemons = daemonThreads();
    ExecutorService imageWorkers = Executors.newFixedThreadPool(Math.min(maxParallelImages, unique.size()), daemons);
    ExecutorService blobWorkers = Executors.newFixedThreadPool(maxParallelBlobs, daemons);
    List<ResolvedImage> resolved = new ArrayList<>();
    Map<DiscoveredImage, SaveFailure> failures = new LinkedHashMap<>();
    // The lease keeps prune away from blobs the cache adds to the store while no image names them.
    try (StoreLease lease = store.lease()) {
      progress.accept("Resolving " + Plural.of(unique.size(), "image") + " (up to " + maxParallelImages + " at a time)");
      for (Outcome<ResolvedImage> outcome : runAll(imageWorkers, unique, this::resolve)) {
        outcome.record(resolved, failures);
      }
      checkCollisions(resolved);
      progress.accept("Saving " + Plural.of(resolved.size(), "image") + " into " + directory.root());
      ImageCopier copier = new ImageCopier(new BlobCache(store), blobWorkers);
      List<SavedImage> saved = new ArrayList<>();
      for (Outcome<SavedImage> outcome : runAll(imageWorkers, resolved, image -> copy(copier, image))) {
        outcome.record(saved, failures);
      }
      int leftovers = directory.removeLeftoverTemporaryFiles();
      SaveReport report = new SaveReport(inOrder(saved, unique), inOrderOf(failures, unique), leftovers);
      if (!report.isSuccessful()) {
        throw RegistrySaveException.ofFailures(report);
      }
      progress.accept("Saved " + Plural.of(saved.size(), "image") + ": " + downloads(report.blobsDownloaded(),
          report.bytesDownloaded()));
      return report;
    } finally {
      imageWorkers.shutdownNow();
      blobWorkers.shutdownNow();
      for (ResolvedImage image : resolved) {
        closeQuietly(image.source());
      }
    }
  }

  private boolean alreadySaved(StorageTarget target, Digest manifest) throws IOException {
    if (target.tag().isPresent()) {
      return directory.resolveTag(target.repository(), target.tag().get()).map(manifest::equals).orElse(false);
    }
    return false; // digest-only images have no tag to vouch for completeness: checked blob by blob
  }

  // ------------------------------------------------------------------------------------------- steps

  /** Step 1: names known from the references alone; pinned-digest collisions fail before any traffic. */
  private void planKnownNames(List<DiscoveredImage> images) throws RegistrySaveException {
    List<ImageReference> known = images.stream().map(DiscoveredImage::reference).filter(Objects::nonNull).toList();
    try {
      RepositoryNaming.plan(known);
    } catch (RepositoryCollisionException e) {
      throw collision(e, images, Map.of());
    }
  }

  /** Step 2, per image: open the source and read its root manifest. */
  private ResolvedImage resolve(DiscoveredImage image) throws IOException {
    MeteredSource source = new MeteredSource(new SourceOpener(sources, store, context).open(image.location()));
    try {
      RawManifest root = source.root();
      ImageReference storedAs = nameToStoreUnder(image, source);
      RepositoryNaming.targetOf(storedAs); // a name the registry layout cannot hold fails here, not mid-copy
      if (storedAs.digest().isPresent() && !Digest.parse(storedAs.digest().get()).equals(root.digest())) {
        throw new IOException("the reference pins " + storedAs.digest().get() + " but the image is " + root.digest());
      }
      boolean wholeIndex = root.isIndex() && (allPlatforms || storedAs.digest().isPresent());
      if (wholeIndex && !allPlatforms) {
        warnings.accept(image.name() + " pins a multi-platform index: saving all its platforms, so that the"
            + " pinned digest is served");
      }
      Digest tagged = root.isIndex() && !wholeIndex
          ? PlatformSelector.select(root.asIndex(), platform).digest()
          : root.digest();
      CopyOptions options = wholeIndex ? CopyOptions.all(platform) : CopyOptions.forPlatform(platform);
      return new ResolvedImage(image, source, storedAs, tagged, options);
    } catch (IOException | RuntimeException e) {
      closeQuietly(source);
      throw e;
    }
  }

  private static ImageReference nameToStoreUnder(DiscoveredImage image, MeteredSource source) throws IOException {
    if (image.reference() != null) {
      return image.reference();
    }
    String embedded = source.embeddedName().orElseThrow(() -> new IOException(source.describe()
        + " records no image name: give one, as " + image.location().transport().prefix() + "PATH:NAME"));
    return ImageReference.parse(embedded);
  }

  /**
   * Step 3: two different images must not get one {@code repository:tag}. Checked on the resolved
   * manifests, so mirrors of one image under two hosts stay allowed.
   */
  private void checkCollisions(List<ResolvedImage> resolved) throws RegistrySaveException {
    List<DiscoveredImage> images = resolved.stream().map(ResolvedImage::image).toList();
    Map<ImageReference, ResolvedImage> byName = new HashMap<>();
    for (ResolvedImage image : resolved) {
      ResolvedImage other = byName.putIfAbsent(image.storedAs(), image);
      if (other != null && !other.taggedManifest().equals(image.taggedManifest())) {
        throw new RegistrySaveException(
            "\"" + other.image().name() + "\" (" + SaveFailure.whereFound(other.image()) + ") and \""
                + image.image().name() + "\" (" + SaveFailure.whereFound(image.image()) + ") would both be stored as "
                + RepositoryNaming.targetOf(image.storedAs()) + " but they are different images ("
                + other.taggedManifest() + " and " + image.taggedManifest() + "); keep only one of them;"
                + " nothing was written",
            SaveReport.empty(), null);
      }
    }
    Map<ImageReference, Digest> tagged = new HashMap<>();
    byName.forEach((name, image) -> tagged.put(name, image.taggedManifest()));
    try {
      StoragePlan plan = RepositoryNaming.plan(byName.keySet());
      plan.checkResolved(tagged);
    } catch (RepositoryCollisionException e) {
      throw collision(e, images, byName);
    }
  }

  /** What was fetched, or where the blobs came from when nothing was. */
  private static String downloads(int blobs, long bytes) {
    return blobs == 0
        ? "nothing downloaded: every blob was already in registry/ or the local store"
        : Plural.of(blobs, "blob") + " downloaded (" + Plural.of(bytes, "byte") + ")";
  }

  /** Step 4, per image: blobs, manifests, then the tag. */
  private SavedImage copy(ImageCopier copier, ResolvedImage image) throws IOException {
    StorageTarget target = RepositoryNaming.targetOf(image.storedAs());
    if (alreadySaved(target, image.taggedManifest())) {
      // The tag is written last, after every blob and manifest it needs: if it already names this
      // manifest, the image is complete in registry/ and there is nothing to check blob by blob.
      closeQuietly(image.source());
      progress.accept("Saved " + target + " (" + image.taggedManifest().shortHex() + ", already present)");
      String mediaType = directory.readManifest(target.repository(), image.taggedManifest())
          .map(m -> m.mediaType()).orElseThrow(() -> new IOException("registry/ tags " + target
              + " but lacks its manifest " + image.taggedManifest()));
      return new SavedImage(image.image(), target, image.taggedManifest(), mediaType, 0, 0);
    }
    RawManifest stored = copier.copy(image.source(), new RegistryDirectorySink(directory, target), image.options());
    closeQuietly(image.source());
    progress.accept("Saved " + target + " (" + stored.digest().shortHex() + ", "
        + downloads(image.source().blobsFetched(), image.source().bytesFetched()) + ") from " + image.image().name());
    return new SavedImage(image.image(), target, stored.digest(), stored.mediaType(),
        image.source().blobsFetched(), image.source().bytesFetched());
  }

  // ----------------------------------------------------------------------------------------- helpers

  private static RegistrySaveException collision(
      RepositoryCollisionException e, List<DiscoveredImage> images, Map<ImageReference, ResolvedImage> resolved) {
    String where = " (" + e.first() + " from " + foundAt(e.first(), images, resolved) + "; " + e.second() + " from "
        + foundAt(e.second(), images, resolved) + "); nothing was written";
    return new RegistrySaveException(e.getMessage() + where, SaveReport.empty(), e);
  }

  private static String foundAt(
      ImageReference reference, List<DiscoveredImage> images, Map<ImageReference, ResolvedImage> resolved) {
    ResolvedImage image = resolved.get(reference);
    if (image != null) {
      return SaveFailure.whereFound(image.image());
    }
    return images.stream()
        .filter(i -> reference.equals(i.reference()))
        .findFirst()
        .map(SaveFailure::whereFound)
        .orElse("?");
  }

  private static List<DiscoveredImage> unique(Collection<DiscoveredImage> images) {
    Map<ImageLocation, DiscoveredImage> byLocation = new LinkedHashMap<>();
    for (DiscoveredImage image : images) {
      byLocation.merge(image.location(), image, (a, b) -> {
        List<io.kubefile.discovery.ImageSource> sources = new ArrayList<>(a.sources());
        sources.addAll(b.sources());
        return new DiscoveredImage(a.location(), sources);
      });
    }
    return List.copyOf(byLocation.values());
  }

  private static List<SavedImage> inOrder(List<SavedImage> saved, List<DiscoveredImage> order) {
    Map<DiscoveredImage, SavedImage> byImage = new HashMap<>();
    saved.forEach(s -> byImage.put(s.image(), s));
    return order.stream().map(byImage::get).filter(Objects::nonNull).toList();
  }

  private static List<SaveFailure> inOrderOf(Map<DiscoveredImage, SaveFailure> failures, List<DiscoveredImage> order) {
    return order.stream().map(failures::get).filter(Objects::nonNull).toList();
  }

  private static void closeQuietly(MeteredSource source) {
    try {
      source.close();
    } catch (IOException ignored) {
      // only a work directory left in the store's temp area, which the store cleans up
    }
  }

  private static Consumer<String> serialized(Consumer<String> sink) {
    return message -> {
      synchronized (sink) {
        sink.accept(message);
      }
    };
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "registry-save-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One image's step: its result or its failure. */
  private record Outcome<T>(DiscoveredImage image, T result, SaveFailure failure) {
    void record(List<T> results, Map<DiscoveredImage, SaveFailure> failures) {
      if (failure != null) {
        failures.put(image, failure);
      } else {
        results.add(result);
      }
    }
  }

  private interface ImageStep<I, T> {
    T run(I input) throws IOException;
  }

  /** Runs a step for every input on the pool; one input's failure does not stop the others. */
  private static <I, T> List<Outcome<T>> runAll(ExecutorService pool, List<I> inputs, ImageStep<I, T> step)
      throws IOException {
    List<Future<T>> futures = new ArrayList<>();
    for (I input : inputs) {
      futures.add(pool.submit(() -> step.run(input)));
    }
    List<Outcome<T>> outcomes = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      I input = inputs.get(i);
      DiscoveredImage image = input instanceof ResolvedImage r ? r.image() : (DiscoveredImage) input;
      try {
        outcomes.add(new Outcome<>(image, futures.get(i).get(), null));
      } catch (ExecutionException e) {
        outcomes.add(new Outcome<>(image, null, new SaveFailure(image, reasonOf(e.getCause()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while saving images");
      }
    }
    return outcomes;
  }

  private static String reasonOf(Throwable cause) {
    return ErrorMessages.of(cause);
  }

  /** Configures a {@link RegistrySaver}. */
  public static final class Builder {
    private RegistryDirectory directory;
    private RegistrySources sources;
    private ImageStore store;
    private Path context;
    private Platform platform;
    private boolean allPlatforms;
    private int maxParallelImages = 5;
    private int maxParallelBlobs;
    private Consumer<String> progress = message -> {};
    private Consumer<String> warnings = message -> {};
    private DiscoveryOptions discovery;

    private Builder() {}

    /**
     * What {@link #saveContextImages} reads of the context and how long a chart may render
     * (default: {@link DiscoveryOptions#all()}, the time limit from the environment).
     */
    public Builder discovery(DiscoveryOptions options) {
      this.discovery = options;
      return this;
    }

    /** Where to save: {@code <context>/registry} usually. */
    public Builder registryDirectory(RegistryDirectory directory) {
      this.directory = directory;
      return this;
    }

    public Builder registryDirectory(Path directory) throws IOException {
      return registryDirectory(RegistryDirectory.open(directory));
    }

    /** How to reach source registries (credentials, TLS, retries), without registries.conf. */
    public Builder client(RegistryClient client) {
      return sources(RegistrySources.direct(client));
    }

    /**
     * How to reach source registries, honouring registries.conf (mirrors, remapped prefixes, blocked
     * registries) as pull and build do.
     */
    public Builder sources(RegistrySources sources) {
      this.sources = sources;
      return this;
    }

    /** The local store, used as the blob cache: blobs it holds are linked, downloads are kept there. */
    public Builder blobCache(ImageStore store) {
      this.store = store;
      return this;
    }

    /** The build context, which archive paths ({@code docker-archive:PATH}) are relative to. */
    public Builder context(Path context) {
      this.context = context;
      return this;
    }

    /** The platform to take from multi-platform images (default: linux/host architecture). */
    public Builder platform(Platform platform) {
      this.platform = platform;
      return this;
    }

    /** Keep whole indexes and every platform image ({@code --all}). */
    public Builder allPlatforms(boolean allPlatforms) {
      this.allPlatforms = allPlatforms;
      return this;
    }

    /** Images resolved and copied at once ({@code --max-pull-procs}, default 5). */
    public Builder maxParallelImages(int images) {
      if (images < 1) {
        throw new IllegalArgumentException("max parallel images must be at least 1, got " + images);
      }
      this.maxParallelImages = images;
      return this;
    }

    /** Blob transfers at once, over all images (default: twice the images, at least 8). */
    public Builder maxParallelBlobs(int blobs) {
      if (blobs < 1) {
        throw new IllegalArgumentException("max parallel blobs must be at least 1, got " + blobs);
      }
      this.maxParallelBlobs = blobs;
      return this;
    }

    public Builder progress(Consumer<String> progress) {
      this.progress = Objects.requireNonNull(progress);
      return this;
    }

    public Builder warnings(Consumer<String> warnings) {
      this.warnings = Objects.requireNonNull(warnings);
      return this;
    }

    public RegistrySaver build() {
      return new RegistrySaver(this);
    }
  }
}
