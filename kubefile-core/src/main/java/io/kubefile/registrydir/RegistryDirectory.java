package io.kubefile.registrydir;

import io.kubefile.files.AtomicFiles;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A cluster image's {@code registry/} directory, written and read in distribution's filesystem storage layout
 * (see {@link RegistryPaths}), so that {@code docker-registry} / {@code sealctl registry serve} serve it as is.
 *
 * <p>Writing rules, which make an interrupted save harmless:
 *
 * <ul>
 *   <li>every file is written to a temporary sibling and renamed into place, so no file is ever partial;
 *   <li>content before links: a blob is complete before a manifest refers to it, a manifest's blobs are linked
 *       before its revision link, a revision link exists before a tag points at it — the registry never meets
 *       a link to something missing;
 *   <li>nothing is deleted: existing blobs are reused when they check out (a blob of the wrong size or digest
 *       is replaced), existing links are left untouched when already right, a re-tag moves {@code current}
 *       and keeps the tag's history as distribution does.
 * </ul>
 *
 * <p>Content may come from anywhere (a registry client, an OCI layout, a local store): manifests as raw bytes,
 * blobs as a stream or a file that can be hard-linked or moved in without copying. Instances hold no state
 * besides the path and are safe to share between threads.
 */
public final class RegistryDirectory {

  /** How much a blob already on disk is trusted before it is reused instead of rewritten. */
  public enum ExistingBlobCheck {
    /** Reused when its size is the expected one (distribution's own trust level); rehashed when no size is known. */
    SIZE,
    /** Always rehashed: for directories of unknown origin. */
    DIGEST
  }

  private final RegistryPaths paths;
  private final ExistingBlobCheck existingBlobCheck;

  private RegistryDirectory(Path root, ExistingBlobCheck existingBlobCheck) {
    this.paths = new RegistryPaths(root);
    this.existingBlobCheck = existingBlobCheck;
  }

  /** Opens {@code <context>/registry}; it is created on the first write. */
  public static RegistryDirectory open(Path directory) throws IOException {
    return open(directory, ExistingBlobCheck.SIZE);
  }

  public static RegistryDirectory open(Path directory, ExistingBlobCheck existingBlobCheck) throws IOException {
    Path root = directory.toAbsolutePath().normalize();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new FileSystemException(root.toString(), null, "not a directory");
    }
    return new RegistryDirectory(root, existingBlobCheck);
  }

  /** The directory itself ({@code <context>/registry}). */
  public Path root() {
    return paths.root();
  }

  // ---------------------------------------------------------------------------------------------- blobs

  /** Whether a blob file is present (not checked). */
  public boolean hasBlob(Digest digest) {
    return Files.isRegularFile(paths.blobData(digest));
  }

  /** Whether a blob is present with the expected size; rehashed too under {@link ExistingBlobCheck#DIGEST}. */
  public boolean hasBlob(Digest digest, long size) throws IOException {
    return isReusable(digest, size);
  }

  /** Whether a blob is present and its content hashes to its digest. */
  public boolean verifyBlob(Digest digest) throws IOException {
    Path data = paths.blobData(digest);
    return Files.isRegularFile(data) && ContentDigests.matches(data, digest, -1);
  }

  /** Stores a blob of unknown size from a stream; see {@link #putBlob(Digest, long, InputStream)}. */
  public StoredBlob putBlob(Digest digest, InputStream content) throws IOException {
    return putBlob(digest, -1, content);
  }

  /**
   * Stores a blob from a stream, verifying digest and size ({@code size} -1: unknown). When the blob is
   * already present and checks out, the stream is not read and nothing is written.
   *
   * @throws BlobVerificationException when the content does not match; nothing is stored
   */
  public StoredBlob putBlob(Digest digest, long size, InputStream content) throws IOException {
    Path data = paths.blobData(digest);
    if (isReusable(digest, size)) {
      return new StoredBlob(digest, Files.size(data), false);
    }
    Path temporary = AtomicFiles.temporarySibling(data);
    try {
      try (OutputStream out = AtomicFiles.createTemporary(temporary)) {
        ContentDigests.copyVerifying(content, out, digest, size);
      }
      AtomicFiles.sync(temporary);
      AtomicFiles.replace(temporary, data);
    } finally {
      AtomicFiles.deleteQuietly(temporary);
    }
    return new StoredBlob(digest, Files.size(data), true);
  }

  /** Stores a manifest's descriptor-described blob from a stream: digest and size both verified. */
  public StoredBlob putBlob(Descriptor descriptor, InputStream content) throws IOException {
    return putBlob(descriptor.digest(), descriptor.size(), content);
  }

  /**
   * Stores a blob from a file, hard-linking it when it is on the same file system (no copy; the caller must
   * then never modify the file in place) and copying it otherwise. The content is verified either way.
   */
  public StoredBlob putBlob(Digest digest, Path file) throws IOException {
    return linkOrCopyBlob(digest, file, true);
  }

  /**
   * Like {@link #putBlob(Digest, Path)} for a file whose content the caller has already verified
   * against {@code digest} (a content-addressed cache or store blob): it is linked in after a size
   * check, without hashing it a second time.
   */
  public StoredBlob putVerifiedBlob(Digest digest, Path file) throws IOException {
    return linkOrCopyBlob(digest, file, false);
  }

  private StoredBlob linkOrCopyBlob(Digest digest, Path file, boolean verify) throws IOException {
    long size = Files.size(file);
    Path data = paths.blobData(digest);
    if (isReusable(digest, size)) {
      return new StoredBlob(digest, size, false);
    }
    Path temporary = AtomicFiles.temporarySibling(data);
    try {
      boolean linked = hardLinkOrCopy(file, temporary);
      if (verify) {
        ContentDigests.verifyFile(temporary, digest, size);
      } else if (Files.size(temporary) != size) {
        throw new IOException("blob " + digest + " changed while it was being linked into " + root());
      }
      if (!linked) {
        AtomicFiles.sync(temporary);
      }
      AtomicFiles.replace(temporary, data);
    } finally {
      AtomicFiles.deleteQuietly(temporary);
    }
    return new StoredBlob(digest, size, true);
  }

  /**
   * Moves a blob file in (a rename on the same file system, a copy and delete across file systems). The
   * source is gone afterwards, also when an identical blob was already present; when verification fails it is
   * put back and nothing is stored.
   */
  public StoredBlob moveBlob(Digest digest, Path file) throws IOException {
    long size = Files.size(file);
    Path data = paths.blobData(digest);
    if (isReusable(digest, size)) {
      Files.delete(file);
      return new StoredBlob(digest, size, false);
    }
    Path temporary = AtomicFiles.temporarySibling(data);
    boolean renamed = false;
    try {
      try {
        Files.move(file, temporary, StandardCopyOption.ATOMIC_MOVE);
        renamed = true;
      } catch (FileSystemException e) {
        // Another file system (AtomicMoveNotSupportedException / EXDEV): copy, delete the source at the end.
        Files.copy(file, temporary);
        AtomicFiles.sync(temporary);
      }
      try {
        ContentDigests.verifyFile(temporary, digest, size);
      } catch (BlobVerificationException e) {
        if (renamed) {
          Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        }
        throw e;
      }
      AtomicFiles.replace(temporary, data);
    } finally {
      AtomicFiles.deleteQuietly(temporary);
    }
    Files.deleteIfExists(file);
    return new StoredBlob(digest, size, true);
  }

  /** Reads a blob's content; {@link NoSuchFileException} when it is not stored. */
  public InputStream openBlob(Digest digest) throws IOException {
    return Files.newInputStream(paths.blobData(digest));
  }

  /** The file holding a stored blob, for hard-linking it elsewhere (never modify it in place). */
  public Optional<Path> blobFile(Digest digest) {
    Path data = paths.blobData(digest);
    return Files.isRegularFile(data) ? Optional.of(data) : Optional.empty();
  }

  private boolean isReusable(Digest digest, long size) throws IOException {
    Path data = paths.blobData(digest);
    if (!Files.isRegularFile(data)) {
      return false;
    }
    if (size >= 0 && Files.size(data) != size) {
      return false;
    }
    if (existingBlobCheck == ExistingBlobCheck.SIZE && size >= 0) {
      return true;
    }
    return ContentDigests.matches(data, digest, size);
  }

  private static boolean hardLinkOrCopy(Path source, Path temporary) throws IOException {
    try {
      Files.createLink(temporary, source);
      return true;
    } catch (UnsupportedOperationException | FileSystemException e) {
      // Another file system (EXDEV), or one without hard links: copy instead.
      Files.deleteIfExists(temporary);
      Files.copy(source, temporary);
      return false;
    }
  }

  // ------------------------------------------------------------------------------------------ manifests

  /**
   * Stores a manifest in a repository, as a registry does on {@code PUT /v2/<repo>/manifests/<digest>}: the
   * exact bytes become a blob, the config and layers are linked into the repository, and the revision link
   * is written last. An index (manifest list) requires its child manifests to be stored in the repository
   * first, as distribution 2.8 does; store the children, then the index, then {@link #tag} it.
   *
   * @param mediaType the media type the content was fetched with; must agree with the content, because the
   *     registry derives the served {@code Content-Type} from the content alone
   * @return the manifest's digest (SHA-256 of {@code raw})
   * @throws MissingContentException when referenced blobs or child manifests are not stored
   * @throws IllegalArgumentException for an invalid repository name, unsupported or inconsistent manifest
   */
  public Digest putManifest(String repository, byte[] raw, String mediaType) throws IOException {
    RepositoryNames.requireRepository(repository);
    ManifestContent content = ManifestContent.parse(raw);
    if (mediaType != null && !ManifestContent.essence(mediaType).equals(content.mediaType())) {
      throw new IllegalArgumentException(
          "manifest for " + repository + " declared as " + mediaType + " but its content is " + content.mediaType()
              + " (the media type the registry would serve)");
    }
    Digest digest = Digest.sha256(raw);
    requireReferencedContent(repository, digest, content);

    putBlob(digest, raw.length, new ByteArrayInputStream(raw));
    for (Descriptor blob : content.blobs()) {
      if (hasBlob(blob.digest())) {
        link(paths.layerLink(repository, blob.digest()), blob.digest());
      }
    }
    link(paths.manifestRevisionLink(repository, digest), digest);
    return digest;
  }

  private void requireReferencedContent(String repository, Digest digest, ManifestContent content)
      throws IOException {
    List<Digest> missing = new ArrayList<>();
    if (content.isIndex()) {
      for (Descriptor child : content.children()) {
        if (!hasManifest(repository, child.digest())) {
          missing.add(child.digest());
        }
      }
      if (!missing.isEmpty()) {
        throw new MissingContentException(
            "index " + digest + " for " + repository + " lists manifests not stored in that repository yet", missing);
      }
      return;
    }
    for (Descriptor blob : content.blobs()) {
      if (!ManifestContent.isNonDistributable(blob) && !hasBlob(blob.digest(), blob.size())) {
        missing.add(blob.digest());
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingContentException(
          "manifest " + digest + " for " + repository + " refers to blobs not stored (or of the wrong size)", missing);
    }
  }

  /**
   * Points {@code repository:tag} at a stored manifest; an existing tag is moved (upstream re-pushes overwrite
   * tags too), its history kept in the tag's {@code index/}.
   *
   * @throws MissingContentException when the repository does not have that manifest
   */
  public void tag(String repository, String tag, Digest manifestDigest) throws IOException {
    RepositoryNames.requireRepository(repository);
    RepositoryNames.requireTag(tag);
    if (!hasManifest(repository, manifestDigest)) {
      throw new MissingContentException(
          "cannot tag " + repository + ":" + tag + ": manifest not stored in that repository", List.of(manifestDigest));
    }
    // Same order as distribution's tagStore.Tag: history first, then the current pointer.
    link(paths.tagIndexLink(repository, tag, manifestDigest), manifestDigest);
    link(paths.tagCurrentLink(repository, tag), manifestDigest);
  }

  private static void link(Path linkFile, Digest target) throws IOException {
    // distribution parses the whole file as a digest: no trailing newline.
    AtomicFiles.writeIfDifferent(linkFile, target.toString());
  }

  // -------------------------------------------------------------------------------------------- reading

  /** Whether the repository has the manifest (revision link and blob), i.e. the registry serves it by digest. */
  public boolean hasManifest(String repository, Digest digest) throws IOException {
    RepositoryNames.requireRepository(repository);
    return readLink(paths.manifestRevisionLink(repository, digest)).filter(digest::equals).isPresent()
        && hasBlob(digest);
  }

  /**
   * The repositories, as {@code GET /v2/_catalog} lists them: every directory under {@code repositories/} that
   * has a {@code _manifests} directory, skipping {@code _}-prefixed ones, in distribution's order (path
   * components compared, so {@code a/b} sorts before {@code a-b}).
   */
  public List<String> repositories() throws IOException {
    Path base = paths.repositories();
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    Files.walkFileTree(
        base,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(base)) {
              return FileVisitResult.CONTINUE;
            }
            String name = dir.getFileName().toString();
            if (name.equals(RegistryPaths.MANIFESTS_DIR)) {
              found.add(base.relativize(dir.getParent()).toString().replace(dir.getFileSystem().getSeparator(), "/"));
              return FileVisitResult.SKIP_SUBTREE;
            }
            return name.startsWith("_") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }
        });
    found.sort(Comparator.comparing(repository -> repository.replace('/', '\0')));
    return List.copyOf(found);
  }

  /** The repository's tags that point somewhere, sorted. */
  public List<String> tags(String repository) throws IOException {
    RepositoryNames.requireRepository(repository);
    Path tags = paths.tags(repository);
    if (!Files.isDirectory(tags)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(tags)) {
      return entries
          .filter(tag -> Files.isRegularFile(tag.resolve("current").resolve(RegistryPaths.LINK_FILE)))
          .map(tag -> tag.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  /** The manifest a tag points to. */
  public Optional<Digest> resolveTag(String repository, String tag) throws IOException {
    RepositoryNames.requireRepository(repository);
    RepositoryNames.requireTag(tag);
    return readLink(paths.tagCurrentLink(repository, tag));
  }

  /** The digests of every manifest stored in the repository (tagged or not), sorted. */
  public List<Digest> manifests(String repository) throws IOException {
    RepositoryNames.requireRepository(repository);
    Path revisions = paths.manifests(repository).resolve("revisions");
    if (!Files.isDirectory(revisions)) {
      return List.of();
    }
    List<Digest> digests = new ArrayList<>();
    try (Stream<Path> links = Files.find(revisions, 3, (p, a) -> p.getFileName().toString().equals(RegistryPaths.LINK_FILE))) {
      for (Path link : links.toList()) {
        readLink(link).ifPresent(digests::add);
      }
    }
    digests.sort(Comparator.naturalOrder());
    return List.copyOf(digests);
  }

  /**
   * A manifest of the repository, with the bytes, digest and media type the registry serves; empty when the
   * repository does not have it.
   *
   * @throws BlobVerificationException when the stored bytes do not hash to the digest
   */
  public Optional<StoredManifest> readManifest(String repository, Digest digest) throws IOException {
    if (!hasManifest(repository, digest)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(paths.blobData(digest));
    ContentDigests.copyVerifying(new ByteArrayInputStream(bytes), OutputStream.nullOutputStream(), digest, -1);
    return Optional.of(new StoredManifest(digest, ManifestContent.parse(bytes).mediaType(), bytes));
  }

  private static Optional<Digest> readLink(Path linkFile) throws IOException {
    Optional<String> content = AtomicFiles.readSmall(linkFile);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse(content.get()));
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt link " + linkFile + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------ leftovers

  /**
   * Temporary files left by an interrupted write (a killed process). The registry ignores them, but they
   * would be copied into the cluster image.
   */
  public List<Path> leftoverTemporaryFiles() throws IOException {
    if (!Files.isDirectory(paths.v2())) {
      return List.of();
    }
    try (Stream<Path> files =
        Files.find(paths.v2(), Integer.MAX_VALUE,
            (p, a) -> a.isRegularFile() && AtomicFiles.TEMP_NAME.matcher(p.getFileName().toString()).matches())) {
      return files.sorted().toList();
    }
  }

  /**
   * Deletes {@link #leftoverTemporaryFiles()}; only call this when no other process writes to the directory,
   * since their in-progress files look the same.
   */
  public int removeLeftoverTemporaryFiles() throws IOException {
    List<Path> leftovers = leftoverTemporaryFiles();
    for (Path leftover : leftovers) {
      Files.deleteIfExists(leftover);
    }
    return leftovers.size();
  }
}
