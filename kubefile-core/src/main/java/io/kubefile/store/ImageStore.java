package io.kubefile.store;

import io.kubefile.files.AtomicFiles;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.image.PlatformSelector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The local image store: an OCI image layout ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/<hex>}) that skopeo's {@code oci:DIR:NAME} and umoci read directly.
 *
 * <p>Each name is one index.json entry whose {@code org.opencontainers.image.ref.name} is the full
 * normalized name. Blobs are always complete when visible (temp file, then atomic rename), and
 * index.json is replaced atomically after the blobs it references exist, so the layout is valid at
 * every instant; a killed writer leaves only temp files or unreferenced blobs, which {@link
 * #prune()} removes.
 */
public final class ImageStore {
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final String OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}";
  private static final Pattern ID_PREFIX = Pattern.compile("(?:sha256:)?([0-9a-f]{3,64})");

  private final Path root;
  private final Path blobDir;
  private final Path tempDir;
  private final TempArea temps;
  private final Path indexFile;
  private final StoreLocks locks;

  private ImageStore(Path root) {
    this.root = root;
    this.blobDir = root.resolve("blobs").resolve("sha256");
    this.tempDir = root.resolve(".tmp");
    this.temps = TempArea.forDirectory(tempDir);
    this.indexFile = root.resolve("index.json");
    this.locks = StoreLocks.forRoot(root);
  }

  /** Opens the store at {@code root}, creating an empty layout when the directory has none. */
  public static ImageStore open(Path root) throws IOException {
    Path absolute = root.toAbsolutePath().normalize();
    ImageStore store = new ImageStore(absolute);
    store.initialize();
    return store;
  }

  /**
   * Opens an existing OCI layout to read it, creating nothing in it: an {@code oci:DIR} given on the
   * command line belongs to someone else (skopeo, umoci, another tool), and a read must leave it as
   * it was. Writing through the returned store is not meant for such directories.
   */
  public static ImageStore openExisting(Path root) throws IOException {
    ImageStore store = new ImageStore(root.toAbsolutePath().normalize());
    store.checkLayoutVersion();
    if (!Files.isRegularFile(store.indexFile)) {
      throw new StoreException("not an OCI image layout (no index.json): " + store.root);
    }
    return store;
  }

  /** {@code $KUBEFILE_ROOT}, else {@code $XDG_DATA_HOME/kubefile}, else {@code ~/.local/share/kubefile}. */
  public static Path defaultRoot(Map<String, String> env) {
    String explicit = env.get("KUBEFILE_ROOT");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "kubefile");
    }
    return io.kubefile.files.UserHome.of(env).resolve(".local/share/kubefile");
  }

  private void initialize() throws IOException {
    Files.createDirectories(blobDir);
    Files.createDirectories(tempDir);
    Path layout = root.resolve("oci-layout");
    if (Files.exists(layout)) {
      checkLayoutVersion();
    } else {
      writeAtomically(layout, OCI_LAYOUT.getBytes(StandardCharsets.UTF_8));
    }
    if (!Files.exists(indexFile)) {
      locks.withIndexLock(
          () -> {
            if (!Files.exists(indexFile)) {
              writeIndex(List.of());
            }
            return null;
          });
    }
  }

  private void checkLayoutVersion() throws IOException {
    Path layout = root.resolve("oci-layout");
    String text;
    try {
      text = Files.readString(layout);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new StoreException("not an OCI image layout (no oci-layout file): " + root);
    }
    if (!text.replaceAll("\\s", "").contains("\"imageLayoutVersion\":\"1.0.0\"")) {
      throw new StoreException("not an OCI image layout version 1.0.0: " + layout);
    }
  }

  public Path root() {
    return root;
  }

  /**
   * Where a multi-platform build keeps {@code platform}'s working copy of {@code context} between
   * builds (see {@link KeptContexts}); {@link #prune()} deletes the copies no build is using.
   */
  public Path keptContextArea(Path context, Platform platform) {
    return new KeptContexts(root).areaFor(context, platform);
  }

  /**
   * Where {@code run} keeps the merged files of the image {@code imageId}, extracted once for every
   * cluster (see {@link ImageFileTrees}); {@link #prune()} deletes those of images no longer stored.
   */
  public Path imageFilesArea(Digest imageId) {
    return new ImageFileTrees(root).treeOf(imageId);
  }

  // ---------------------------------------------------------------- blobs

  /** Holds off prune while blobs are written and then tagged; see {@link StoreLease}. */
  public StoreLease lease() throws IOException {
    return locks.lease();
  }

  /** A stream into a new blob; commit it, or close it to discard. */
  public BlobWriter newBlobWriter() throws IOException {
    StoreLease lease = locks.lease();
    try {
      return new BlobWriter(this, newTempPath("blob-"), lease);
    } catch (IOException | RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  public BlobInfo putBlob(byte[] content) throws IOException {
    try (BlobWriter writer = newBlobWriter()) {
      writer.write(content);
      return writer.commit();
    }
  }

  /**
   * Adds a file that was written elsewhere on the store's filesystem, by hard link when possible so
   * nothing is copied. The caller vouches that {@code digest} is the file's SHA-256 (it computed it
   * while writing); the file itself is left in place.
   */
  public BlobInfo importBlob(Path file, Digest digest) throws IOException {
    requireSha256(digest);
    try (StoreLease ignored = locks.lease()) {
      Path target = blobPath(digest);
      long size = Files.size(file);
      if (Files.exists(target)) {
        return new BlobInfo(digest, size);
      }
      try {
        Files.createLink(target, file);
      } catch (FileAlreadyExistsException e) {
        // Someone stored the same content meanwhile: same digest, same bytes.
      } catch (IOException | UnsupportedOperationException e) {
        Path temp = newTempPath("import-");
        Files.copy(file, temp);
        moveIntoBlobs(temp, digest);
      }
      return new BlobInfo(digest, size);
    }
  }

  public boolean hasBlob(Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  public Path blobPath(Digest digest) {
    requireSha256(digest);
    return blobDir.resolve(digest.hex());
  }

  public InputStream openBlob(Digest digest) throws IOException {
    try {
      return Files.newInputStream(blobPath(digest));
    } catch (NoSuchFileException e) {
      throw new StoreException("blob not found in the store: " + digest, e);
    }
  }

  public byte[] readBlob(Digest digest) throws IOException {
    try {
      return Files.readAllBytes(blobPath(digest));
    } catch (NoSuchFileException e) {
      throw new StoreException("blob not found in the store: " + digest, e);
    }
  }

  public long blobSize(Digest digest) throws IOException {
    try {
      return Files.size(blobPath(digest));
    } catch (NoSuchFileException e) {
      throw new StoreException("blob not found in the store: " + digest, e);
    }
  }

  /** A fresh path in the store's temp directory, on the same filesystem as the blobs. */
  public Path newTempPath(String prefix) throws IOException {
    return temps.newPath(prefix);
  }

  void moveIntoBlobs(Path temp, Digest digest) throws IOException {
    Path target = blobPath(digest);
    if (Files.exists(target)) {
      Files.deleteIfExists(temp);
      return;
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void requireSha256(Digest digest) {
    if (!digest.algorithm().equals("sha256")) {
      throw new StoreException("unsupported digest algorithm: " + digest);
    }
  }

  // ---------------------------------------------------------------- index

  /** The index.json entries, in order. */
  public List<Descriptor> indexEntries() throws IOException {
    byte[] json;
    try {
      json = Files.readAllBytes(indexFile);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return Json.read(json, ImageIndex.class, "index.json of " + root).manifests();
  }

  /** Names {@code manifest} (a manifest or an image index in the store), replacing that name's entry. */
  public void tag(String name, Descriptor manifest) throws IOException {
    tagAll(Map.of(name, manifest));
  }

  /** Several names in one index.json update: all appear or none. */
  public void tagAll(Map<String, Descriptor> names) throws IOException {
    record(names, List.of());
  }

  /** Records an image without a name (shown as {@code <none>}), unless it is already in the index. */
  public void addUnnamed(Descriptor manifest) throws IOException {
    record(Map.of(), List.of(manifest));
  }

  /**
   * Names and unnamed images in one index.json update, so an import is all or nothing. A name
   * replaces its previous entry; an unnamed image is skipped when its manifest is already indexed,
   * and an unnamed entry is dropped once its image gets a name.
   */
  public void record(Map<String, Descriptor> names, List<Descriptor> unnamed) throws IOException {
    for (Map.Entry<String, Descriptor> e : names.entrySet()) {
      requireName(e.getKey());
      requirePresent(e.getValue(), "cannot tag " + e.getKey());
    }
    for (Descriptor d : unnamed) {
      requirePresent(d, "cannot record image");
    }
    updateIndex(
        entries -> {
          Set<Digest> taggedDigests = new LinkedHashSet<>();
          for (Map.Entry<String, Descriptor> e : names.entrySet()) {
            entries.removeIf(d -> e.getKey().equals(d.annotation(REF_NAME)));
            taggedDigests.add(e.getValue().digest());
          }
          entries.removeIf(d -> d.annotation(REF_NAME) == null && taggedDigests.contains(d.digest()));
          for (Map.Entry<String, Descriptor> e : names.entrySet()) {
            entries.add(entryFor(e.getValue(), e.getKey()));
          }
          for (Descriptor d : unnamed) {
            if (entries.stream().noneMatch(existing -> existing.digest().equals(d.digest()))) {
              entries.add(entryFor(d, null));
            }
          }
        });
  }

  private void requirePresent(Descriptor manifest, String what) {
    if (!hasBlob(manifest.digest())) {
      throw new StoreException(what + ": blob " + manifest.digest() + " is not in the store");
    }
  }

  /** Removes the entry of {@code name}; false when there was none. */
  public boolean untag(String name) throws IOException {
    boolean[] removed = {false};
    updateIndex(entries -> removed[0] = entries.removeIf(d -> name.equals(d.annotation(REF_NAME))));
    return removed[0];
  }

  private static Descriptor entryFor(Descriptor manifest, String name) {
    Map<String, String> annotations = new LinkedHashMap<>(manifest.annotations());
    annotations.remove(REF_NAME);
    if (name != null) {
      annotations.put(REF_NAME, name);
    }
    return manifest.withAnnotations(annotations);
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new StoreException("invalid image name: \"" + name + "\"");
    }
  }

  private interface IndexEdit {
    void apply(List<Descriptor> entries) throws IOException;
  }

  private void updateIndex(IndexEdit edit) throws IOException {
    try (StoreLease ignored = locks.lease()) {
      locks.withIndexLock(
          () -> {
            List<Descriptor> entries = new ArrayList<>(indexEntries());
            edit.apply(entries);
            writeIndex(entries);
            return null;
          });
    }
  }

  private void writeIndex(List<Descriptor> entries) throws IOException {
    writeAtomically(indexFile, Json.bytes(ImageIndex.oci(entries)));
  }

  private void writeAtomically(Path target, byte[] content) throws IOException {
    Path temp = newTempPath(target.getFileName() + "-");
    try {
      Files.write(temp, content);
      AtomicFiles.replace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  // ---------------------------------------------------------------- images

  /** Every index entry as an image, unnamed ones included; entries whose blobs are missing are skipped. */
  public List<StoredImage> list() throws IOException {
    List<StoredImage> images = new ArrayList<>();
    for (Descriptor entry : indexEntries()) {
      try {
        images.add(listed(entry));
      } catch (StoreException e) {
        // A broken entry (e.g. a partially pulled multi-arch index) must not hide the others.
      }
    }
    return images;
  }

  /** An image by its exact full name, else by ID or unambiguous ID prefix. */
  public Optional<StoredImage> resolve(String nameOrId) throws IOException {
    Optional<StoredImage> byName = findByName(nameOrId);
    return byName.isPresent() ? byName : findById(nameOrId);
  }

  public Optional<StoredImage> findByName(String name) throws IOException {
    for (Descriptor entry : indexEntries()) {
      if (name.equals(entry.annotation(REF_NAME))) {
        return Optional.of(listed(entry));
      }
    }
    return Optional.empty();
  }

  /**
   * By image ID (config digest, with or without {@code sha256:}) or a prefix of at least 3 hex
   * digits; an ambiguous prefix is an error. The named entry is preferred to an unnamed one.
   */
  public Optional<StoredImage> findById(String idOrPrefix) throws IOException {
    var matcher = ID_PREFIX.matcher(idOrPrefix.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String prefix = matcher.group(1);
    Set<String> ids = new TreeSet<>();
    StoredImage first = null;
    for (StoredImage image : list()) {
      if (image.id().hex().startsWith(prefix)) {
        ids.add(image.id().hex());
        if (first == null || !first.isNamed() && image.isNamed()) {
          first = image;
        }
      }
    }
    if (ids.size() > 1) {
      throw new StoreException(
          "image ID prefix \"" + idOrPrefix + "\" is ambiguous: it matches " + ids.size()
              + " images");
    }
    return Optional.ofNullable(first);
  }

  /** All names of the image with this ID, sorted. */
  public List<String> namesOf(Digest id) throws IOException {
    return list().stream()
        .filter(image -> image.id().equals(id) && image.isNamed())
        .map(StoredImage::name)
        .sorted()
        .toList();
  }

  /**
   * Removes an image. By name: only that name goes. By ID: every entry of the image goes, which
   * needs {@code force} when the image has more than one name (podman's rule).
   */
  public RemovedImage remove(String nameOrId, boolean force) throws IOException {
    Optional<StoredImage> byName = findByName(nameOrId);
    if (byName.isPresent()) {
      Digest id = byName.get().id();
      untag(nameOrId);
      boolean deleted = list().stream().noneMatch(image -> image.id().equals(id));
      return new RemovedImage(id, List.of(nameOrId), deleted);
    }
    StoredImage image = findById(nameOrId).orElseThrow(() -> new ImageNotKnownException(nameOrId));
    Digest id = image.id();
    List<String> names = namesOf(id);
    if (names.size() > 1 && !force) {
      throw new StoreException(
          "unable to delete image \"" + id.hex() + "\" by ID with more than one tag ("
              + String.join(", ", names) + "): please force removal");
    }
    Set<Digest> entryDigests = new LinkedHashSet<>();
    for (StoredImage candidate : list()) {
      if (candidate.id().equals(id)) {
        entryDigests.add(candidate.entry().digest());
      }
    }
    updateIndex(entries -> entries.removeIf(d -> entryDigests.contains(d.digest())));
    return new RemovedImage(id, names, true);
  }

  /**
   * Deletes every blob not reachable from index.json, every temp file and every kept working copy
   * of a build context that no build is using. Waits until no writer holds a {@link StoreLease}, so
   * in-flight builds and loads are safe.
   */
  public PruneReport prune() throws IOException {
    return locks.withExclusiveGcLock(
        () -> {
          Set<Digest> reachable = ReachableBlobs.from(this, indexEntries(), false).keySet();
          List<Digest> removed = new ArrayList<>();
          long freed = 0;
          try (DirectoryStream<Path> blobs = Files.newDirectoryStream(blobDir)) {
            for (Path blob : blobs) {
              Digest digest;
              try {
                digest = Digest.sha256Hex(blob.getFileName().toString());
              } catch (IllegalArgumentException e) {
                continue; // not ours to judge
              }
              if (!reachable.contains(digest)) {
                long size = Files.size(blob);
                if (Files.deleteIfExists(blob)) {
                  removed.add(digest);
                  freed += size;
                }
              }
            }
          }
          TempArea.Reclaimed temp = temps.deleteAll();
          int contextCopies = new KeptContexts(root).deleteUnused();
          // An image ID is its config's digest: a tree stays while its image's config is reachable
          // (any platform of any stored index).
          Set<String> storedIds = new java.util.HashSet<>();
          for (Digest digest : reachable) {
            storedIds.add(digest.hex());
          }
          int imageTrees = new ImageFileTrees(root).deleteUnused(storedIds);
          return new PruneReport(removed, temp.files(), contextCopies, imageTrees, freed + temp.bytes());
        });
  }

  /**
   * Resolves an index entry to one image by the one platform rule ({@link PlatformSelector}): for a
   * multi-platform index, the host platform's image; when the store holds none for the host but
   * exactly one other platform, that one (there is nothing to choose between); otherwise an error
   * naming the stored platforms. Builds and pulls ask {@link #imageOf(Descriptor, Platform)}, which
   * takes only the platform asked for.
   *
   * @throws io.kubefile.image.NoMatchingPlatformException when several other platforms are stored
   */
  public StoredImage imageOf(Descriptor entry) throws IOException {
    return resolveEntry(entry, Platform.host(), false);
  }

  /**
   * An entry as names and listings show it: {@link #imageOf(Descriptor)}, except that an index
   * holding several platforms but not the host's is still found and listed (by its first stored
   * platform, whose ID and size are shown; {@code images} prints every platform of it), so that it
   * can be inspected, saved whole or removed by name.
   */
  private StoredImage listed(Descriptor entry) throws IOException {
    try {
      return imageOf(entry);
    } catch (io.kubefile.image.NoMatchingPlatformException e) {
      List<Descriptor> stored = storedPlatforms(entry);
      if (stored.isEmpty()) {
        throw e;
      }
      return imageOf(entry, stored.get(0).platform());
    }
  }

  /**
   * Resolves an index entry to the image for {@code platform}: the index's entry for it, or a
   * single-platform image whose config says that platform.
   *
   * @throws io.kubefile.image.NoMatchingPlatformException naming the requested and the available
   *     platforms
   */
  public StoredImage imageOf(Descriptor entry, Platform platform) throws IOException {
    return resolveEntry(entry, platform, true);
  }

  private StoredImage resolveEntry(Descriptor entry, Platform platform, boolean strict) throws IOException {
    String name = entry.annotation(REF_NAME);
    Descriptor manifestDescriptor = entry;
    byte[] bytes = readRequired(entry.digest(), "image " + describe(entry));
    if (MediaTypes.isIndex(MediaTypes.detect(entry.mediaType(), bytes))) {
      ImageIndex index = Json.read(bytes, ImageIndex.class, "image index");
      manifestDescriptor = strict ? choosePlatform(index, platform, entry) : chooseForHost(index, entry);
      bytes = readRequired(manifestDescriptor.digest(), "image " + describe(entry));
    }
    ImageManifest manifest = Json.read(bytes, ImageManifest.class, "manifest " + manifestDescriptor.digest());
    if (manifest.config() == null) {
      throw new StoreException("manifest " + manifestDescriptor.digest() + " has no config");
    }
    ImageConfig config =
        Json.read(readRequired(manifest.config().digest(), "config of " + describe(entry)),
            ImageConfig.class, "image config " + manifest.config().digest());
    StoredImage image = new StoredImage(name, entry, manifestDescriptor, manifest, config);
    Platform own = config.platform();
    boolean saysPlatform = own.os() != null && own.architecture() != null;
    if (strict && saysPlatform && !platform.matches(own)) {
      throw new io.kubefile.image.NoMatchingPlatformException("image " + describe(entry) + " is for platform "
          + own + ", not " + platform);
    }
    return image;
  }

  /** The stored entry for {@code platform}; absent platforms are named with what is stored. */
  private Descriptor choosePlatform(ImageIndex index, Platform platform, Descriptor entry) {
    List<Descriptor> stored = storedChildren(index);
    return PlatformSelector.find(stored, platform).orElseThrow(() -> {
      boolean listed = PlatformSelector.find(index.manifests(), platform).isPresent();
      String has = stored.stream().filter(d -> d.platform() != null).map(d -> d.platform().toString())
          .distinct().collect(java.util.stream.Collectors.joining(", "));
      return new io.kubefile.image.NoMatchingPlatformException("image " + describe(entry) + " has no "
          + platform + " image in the store" + (listed ? " (the index lists one: pull it with --platform " + platform
          + ")" : "") + (has.isEmpty() ? "" : "; it has " + has));
    });
  }

  /** The host's stored image of an index, else its only stored image; several others are an error. */
  private Descriptor chooseForHost(ImageIndex index, Descriptor entry) {
    List<Descriptor> stored = storedChildren(index);
    Optional<Descriptor> host = PlatformSelector.find(stored, Platform.host());
    if (host.isPresent()) {
      return host.get();
    }
    if (stored.size() == 1) {
      return stored.get(0);
    }
    if (stored.isEmpty()) {
      throw new StoreException("no manifest of image " + describe(entry) + " is in the store");
    }
    throw new io.kubefile.image.NoMatchingPlatformException("image " + describe(entry) + " has no " + Platform.host()
        + " image in the store but several others (" + PlatformSelector.platformsOf(stored)
        + "): choose one with --platform");
  }

  /**
   * The platforms' manifests of a multi-platform entry that the store holds (a pull may have stored
   * only some); empty for a single-platform image.
   */
  public List<Descriptor> storedPlatforms(Descriptor entry) throws IOException {
    byte[] bytes = readRequired(entry.digest(), "image " + describe(entry));
    if (!MediaTypes.isIndex(MediaTypes.detect(entry.mediaType(), bytes))) {
      return List.of();
    }
    return storedChildren(Json.read(bytes, ImageIndex.class, "image index")).stream()
        .filter(child -> child.platform() != null)
        .toList();
  }

  /** The index's image manifests whose blobs the store holds (it may hold only some platforms). */
  private List<Descriptor> storedChildren(ImageIndex index) {
    return index.manifests().stream()
        .filter(child -> hasBlob(child.digest()) && !MediaTypes.isIndex(child.mediaType()))
        .toList();
  }

  private byte[] readRequired(Digest digest, String what) throws IOException {
    try {
      return Files.readAllBytes(blobPath(digest));
    } catch (NoSuchFileException e) {
      throw new StoreException(what + ": blob " + digest + " is missing from the store", e);
    }
  }

  private static String describe(Descriptor entry) {
    return Objects.requireNonNullElse(entry.annotation(REF_NAME), entry.digest().toString());
  }
}
