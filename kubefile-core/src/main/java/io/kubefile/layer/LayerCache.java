package io.kubefile.layer;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Digest;
import io.kubefile.files.AtomicFiles;
import io.kubefile.image.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Remembers which layer a set of entries produced, so an unchanged COPY is not read again. The key
 * covers every entry's metadata and, for files on disk, a stat identity (device, inode, size,
 * modification and change times) instead of the content: a file rewritten in place changes its
 * ctime, so the key changes with it, while hashing gigabytes of unchanged registry/ blobs is
 * skipped. Like a stat cache in git or buildkit's content cache, it trusts the file system's times.
 */
public final class LayerCache {
  private static final String FORMAT = "kubefile-layer-cache-v1";
  /**
   * One lock per cache record being decided in this JVM: the platforms of a multi-platform build
   * run in parallel and often make the same layer (a platform-independent {@code opt/} or
   * {@code manifests/}); the second waits for the first and then finds its record instead of
   * reading, hashing and writing the same bytes again.
   */
  private static final ConcurrentHashMap<Path, Object> DECIDING = new ConcurrentHashMap<>();
  private final Path directory;

  /** Makes a layer when the cache has none for the key. */
  public interface LayerMaker {
    LayerBlob make() throws IOException;
  }

  public LayerCache(Path directory) {
    this.directory = directory;
  }

  /** The key of the layer these entries would make with this file time. */
  public String key(List<LayerEntry> entries, Instant fileTime) throws IOException {
    List<LayerEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(LayerEntry::path));
    MessageDigest sha = Digest.newSha256();
    update(sha, FORMAT + "\n" + fileTime + "\n");
    for (LayerEntry e : sorted) {
      update(sha, e.path() + "\0" + e.type() + "\0" + Integer.toOctalString(e.mode()) + "\0" + e.uid()
          + "\0" + e.gid() + "\0" + (e.linkTarget() == null ? "" : e.linkTarget()) + "\0" + e.size() + "\0");
      if (e.type() == LayerEntry.Type.FILE) {
        update(sha, e.content() != null ? Digest.sha256(e.content()).toString() : identity(e.source()));
      }
      update(sha, "\n");
    }
    return Digest.ofSha256(sha).hex();
  }

  /** The cached layer for {@code key}, if its blob still exists. */
  public Optional<LayerBlob> find(String key, Predicate<Digest> blobExists) {
    Path record = directory.resolve(key + ".json");
    if (!Files.isRegularFile(record)) {
      return Optional.empty();
    }
    try {
      JsonNode json = Json.mapper().readTree(record.toFile());
      Digest digest = Digest.parse(json.get("digest").asText());
      if (!blobExists.test(digest)) {
        return Optional.empty();
      }
      return Optional.of(new LayerBlob(null, json.get("mediaType").asText(), digest,
          json.get("size").asLong(), Digest.parse(json.get("diffId").asText())));
    } catch (IOException | RuntimeException corrupt) {
      return Optional.empty(); // a damaged record only costs a rebuild of the layer
    }
  }

  /**
   * The cached layer for {@code key}, else the one {@code maker} makes, recorded under the key; a
   * build running the same key at the same time in this JVM makes it once.
   */
  public LayerBlob findOrMake(String key, Predicate<Digest> blobExists, LayerMaker maker) throws IOException {
    Path record = directory.resolve(key + ".json").toAbsolutePath().normalize();
    Object lock = DECIDING.computeIfAbsent(record, r -> new Object());
    synchronized (lock) {
      try {
        Optional<LayerBlob> cached = find(key, blobExists);
        if (cached.isPresent()) {
          return cached.get();
        }
        LayerBlob made = maker.make();
        record(key, made);
        return made;
      } finally {
        DECIDING.remove(record, lock); // a waiter still holds it; later builds find the record
      }
    }
  }

  /** Records the layer; written to a temp file and renamed, so readers never see half a record. */
  public void record(String key, LayerBlob blob) throws IOException {
    Files.createDirectories(directory);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mediaType", blob.mediaType());
    json.put("digest", blob.digest().toString());
    json.put("size", blob.size());
    json.put("diffId", blob.diffId().toString());
    AtomicFiles.write(directory.resolve(key + ".json"), Json.bytes(json));
  }

  private static String identity(Path file) throws IOException {
    try {
      Map<String, Object> unix = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime",
          LinkOption.NOFOLLOW_LINKS);
      return "unix:" + unix.get("dev") + ":" + unix.get("ino") + ":" + unix.get("size") + ":"
          + unix.get("lastModifiedTime") + ":" + unix.get("ctime");
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return "basic:" + file.toAbsolutePath() + ":" + basic.fileKey() + ":" + basic.size() + ":"
          + basic.lastModifiedTime();
    }
  }

  private static void update(MessageDigest sha, String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
  }
}
