package io.kubefile.copy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kubefile.files.AtomicFiles;
import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.store.ImageStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips the store's uncompressed layers for a push, once per layer: the compressed blob is kept in
 * the store's blobs and a record {@code <store>/cache/compressed/gzip/<uncompressed hex>.json} maps
 * the layer to it, so later pushes (to any registry) reuse it instead of compressing again.
 *
 * <p>One streaming pass: tar bytes (their SHA-256 checked against the layer digest) → gzip → SHA-256
 * and byte count → a temp file in the store's temp area, then linked into the blobs. The gzip
 * stream is java.util.zip's with its fixed header (no file name, mtime 0) at the default level, so
 * one JVM always turns the same layer into the same bytes.
 *
 * <p>The compressed blobs are referenced by no stored image, so prune removes them; a record whose
 * blob is gone is ignored and the layer is compressed again. Callers hold a {@link
 * ImageStore#lease()} while they use the blobs.
 */
public final class LayerCompression {
  private static final String ALGORITHM = "gzip";

  /** The cache record: which compressed blob an uncompressed layer became. */
  @JsonPropertyOrder({"algorithm", "uncompressed", "compressed", "size"})
  record CacheRecord(
      @JsonProperty("algorithm") String algorithm,
      @JsonProperty("uncompressed") Digest uncompressed,
      @JsonProperty("compressed") Digest compressed,
      @JsonProperty("size") long size) {}

  private final ImageStore store;
  private final Path records;
  private final Map<Digest, CompletableFuture<CacheRecord>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong compressions = new AtomicLong();

  public LayerCompression(ImageStore store) {
    this.store = store;
    this.records = store.root().resolve("cache").resolve("compressed").resolve(ALGORITHM);
  }

  /** Whether a layer of this media type is an uncompressed tar that a push should compress. */
  public static boolean isUncompressedLayer(String mediaType) {
    return MediaTypes.OCI_LAYER.equals(mediaType) || MediaTypes.DOCKER_LAYER.equals(mediaType);
  }

  /** The gzip media type matching an uncompressed layer's (OCI or Docker schema 2). */
  static String gzipMediaType(String mediaType) {
    return switch (mediaType) {
      case MediaTypes.OCI_LAYER -> MediaTypes.OCI_LAYER_GZIP;
      case MediaTypes.DOCKER_LAYER -> MediaTypes.DOCKER_LAYER_GZIP;
      default -> throw new IllegalArgumentException("not an uncompressed layer type: " + mediaType);
    };
  }

  /**
   * The descriptor of {@code layer} gzipped (annotations kept), its blob in the store: from the
   * cache when this layer was compressed before, else compressed now. Concurrent calls for one layer
   * share one compression.
   */
  public Descriptor compress(Descriptor layer) throws IOException {
    if (!isUncompressedLayer(layer.mediaType())) {
      throw new IllegalArgumentException("not an uncompressed layer: " + layer.mediaType());
    }
    CacheRecord record = compressed(layer.digest());
    return new Descriptor(gzipMediaType(layer.mediaType()), record.compressed(), record.size(),
        layer.annotations(), layer.platform());
  }

  /** The file of a compressed blob this instance handed out. */
  public Path blobPath(Digest compressed) {
    return store.blobPath(compressed);
  }

  /** How many layers this instance actually compressed (as opposed to found in the cache). */
  public long compressions() {
    return compressions.get();
  }

  /** The record file of an uncompressed layer. */
  public Path recordPath(Digest uncompressed) {
    return records.resolve(uncompressed.hex() + ".json");
  }

  private CacheRecord compressed(Digest uncompressed) throws IOException {
    Optional<CacheRecord> cached = cached(uncompressed);
    if (cached.isPresent()) {
      return cached.get();
    }
    CompletableFuture<CacheRecord> mine = new CompletableFuture<>();
    CompletableFuture<CacheRecord> running = inFlight.putIfAbsent(uncompressed, mine);
    if (running != null) {
      return await(running);
    }
    try {
      CacheRecord record = cached(uncompressed).orElse(null);
      if (record == null) {
        record = compressNow(uncompressed);
      }
      mine.complete(record);
      return record;
    } catch (IOException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(uncompressed, mine);
    }
  }

  /** The recorded compressed blob, when the record is valid and the blob still in the store. */
  private Optional<CacheRecord> cached(Digest uncompressed) {
    byte[] json;
    try {
      json = Files.readAllBytes(recordPath(uncompressed));
    } catch (IOException e) {
      return Optional.empty(); // no record (NoSuchFileException) or unreadable: compress
    }
    try {
      CacheRecord record = Json.read(json, CacheRecord.class, "compressed layer record");
      if (!ALGORITHM.equals(record.algorithm()) || !uncompressed.equals(record.uncompressed())
          || record.compressed() == null || !store.hasBlob(record.compressed())
          || store.blobSize(record.compressed()) != record.size()) {
        return Optional.empty(); // stale (e.g. the blob was pruned): compress again
      }
      return Optional.of(record);
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private CacheRecord compressNow(Digest uncompressed) throws IOException {
    if (!store.hasBlob(uncompressed)) {
      throw new IOException("the local store lacks layer " + uncompressed
          + "; it may have been pruned: rebuild or pull the image again");
    }
    Path temp = store.newTempPath("gzip-");
    try {
      MessageDigest tarSha = Digest.newSha256();
      MessageDigest gzipSha = Digest.newSha256();
      long size;
      try (InputStream in = new DigestInputStream(store.openBlob(uncompressed), tarSha);
          CountingOutputStream counted = new CountingOutputStream(
              new DigestOutputStream(Files.newOutputStream(temp), gzipSha));
          GZIPOutputStream gzip = new GZIPOutputStream(counted, 1 << 16)) {
        in.transferTo(gzip);
        gzip.finish();
        counted.flush();
        size = counted.count;
      }
      Digest actual = Digest.ofSha256(tarSha);
      if (!actual.equals(uncompressed)) {
        throw new IOException("layer " + uncompressed + " in the local store is corrupt: its content is " + actual);
      }
      Digest compressed = Digest.ofSha256(gzipSha);
      store.importBlob(temp, compressed);
      CacheRecord record = new CacheRecord(ALGORITHM, uncompressed, compressed, size);
      AtomicFiles.write(recordPath(uncompressed), Json.bytes(record));
      compressions.incrementAndGet();
      return record;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static CacheRecord await(CompletableFuture<CacheRecord> running) throws IOException {
    return Futures.await(running, "a shared compression");
  }

  /** Counts the bytes that reach the file. */
  private static final class CountingOutputStream extends FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(new java.io.BufferedOutputStream(out, 1 << 16));
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
