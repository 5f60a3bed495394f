package io.kubefile.transport;

import io.kubefile.image.Digest;
import io.kubefile.store.StoreException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An image archive (tar, or tar.gz) read in place, entry by entry: only the table of entries is
 * kept in memory, and each entry is streamed from the file when asked for, so memory does not
 * grow with the archive (a 300 MB archive is inspected in a small heap). A gzipped archive is
 * decompressed once into the work directory, because a compressed stream cannot be read at an
 * offset.
 *
 * <p>Names are checked when the archive is opened: absolute paths, {@code ..} and links pointing
 * outside the archive are refused with an error naming the entry, and nothing is ever written under
 * an archive name, so a hostile archive cannot touch the filesystem.
 */
public final class TarArchive implements AutoCloseable {
  /** Manifests, indexes and configs are read into memory; anything larger is not one. */
  public static final int MAX_METADATA_SIZE = 16 << 20;

  /** An entry's content summary: its digest and size, and whether it is gzip-compressed. */
  public record EntryDigest(Digest digest, long size, boolean gzipped) {}

  private final Path archive;
  private final Path plainTar;
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> files;
  private final Map<String, String> links;
  private final Map<String, EntryDigest> digests = new ConcurrentHashMap<>();

  private TarArchive(Path archive, Path plainTar, TarFile tar, Map<String, TarArchiveEntry> files,
      Map<String, String> links) {
    this.archive = archive;
    this.plainTar = plainTar;
    this.tar = tar;
    this.files = files;
    this.links = links;
  }

  /**
   * Opens {@code archive}; a gzipped one is decompressed into {@code workDirectory} (an absent
   * directory, deleted on {@link #close()}).
   */
  public static TarArchive open(Path archive, Path workDirectory) throws IOException {
    if (!Files.isRegularFile(archive)) {
      throw new StoreException("no such archive: " + archive);
    }
    Path plain = archive;
    Path decompressed = null;
    try {
      if (isGzip(archive)) {
        Files.createDirectories(workDirectory);
        decompressed = workDirectory.resolve("archive.tar");
        try (InputStream in = new GzipCompressorInputStream(
            new BufferedInputStream(Files.newInputStream(archive), 1 << 16), true)) {
          Files.copy(in, decompressed);
        }
        plain = decompressed;
      }
      TarFile tar = new TarFile(plain);
      Map<String, TarArchiveEntry> files = new HashMap<>();
      Map<String, String> links = new HashMap<>();
      try {
        for (TarArchiveEntry entry : tar.getEntries()) {
          String name = safeName(entry.getName());
          if (entry.isDirectory() || name.isEmpty()) {
            continue;
          }
          if (entry.isSymbolicLink()) {
            links.put(name, resolveLink(name, entry.getLinkName(), true));
          } else if (entry.isLink()) {
            links.put(name, resolveLink(name, entry.getLinkName(), false));
          } else if (entry.isFile()) {
            files.put(name, entry);
          } else {
            throw new UnsafeArchiveException(
                "refusing archive entry \"" + entry.getName() + "\": not a regular file, directory or link");
          }
        }
      } catch (RuntimeException e) {
        tar.close();
        throw e;
      }
      return new TarArchive(archive, decompressed == null ? null : workDirectory, tar, files, links);
    } catch (UnsafeArchiveException e) {
      deleteQuietly(decompressed, workDirectory);
      throw e;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(decompressed, workDirectory);
      if (e instanceof StoreException) {
        throw e;
      }
      throw new IOException("cannot read archive " + archive + ": " + e.getMessage(), e);
    }
  }

  public Path archive() {
    return archive;
  }

  /** Whether the archive has a file at {@code path} (following links inside it). */
  public boolean contains(String path) {
    return entry(path).isPresent();
  }

  /** The content of a file, streamed from the archive; an error naming the archive when absent. */
  public InputStream open(String path) throws IOException {
    TarArchiveEntry entry = require(path);
    synchronized (tar) {
      return new ArchiveLockedStream(tar.getInputStream(entry));
    }
  }

  /**
   * Commons Compress's entry streams share the archive's one channel (set its position, then read)
   * without a lock, so blobs copied in parallel from one archive read each other's bytes (seen: a
   * blob failing its digest check now and then). Each read holds the archive for that step.
   */
  private final class ArchiveLockedStream extends java.io.FilterInputStream {
    ArchiveLockedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      synchronized (tar) {
        return super.read();
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      synchronized (tar) {
        return super.read(b, off, len);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      synchronized (tar) {
        return super.skip(n);
      }
    }
  }

  /** A small file (manifest, index, config) read whole; larger than {@link #MAX_METADATA_SIZE} is an error. */
  public byte[] read(String path) throws IOException {
    TarArchiveEntry entry = require(path);
    if (entry.getSize() > MAX_METADATA_SIZE) {
      throw new StoreException("archive " + archive + ": " + path + " is " + entry.getSize()
          + " bytes, too large for an image manifest or config");
    }
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    }
  }

  /** Digest, size and compression of a file, computed by streaming it once and then remembered. */
  public EntryDigest digest(String path) throws IOException {
    EntryDigest known = digests.get(path);
    if (known != null) {
      return known;
    }
    MessageDigest sha256 = Digest.newSha256();
    long size = 0;
    int first = -1;
    int second = -1;
    try (InputStream in = open(path)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (size == 0 && n >= 2) {
          first = buffer[0] & 0xff;
          second = buffer[1] & 0xff;
        }
        sha256.update(buffer, 0, n);
        size += n;
      }
    }
    EntryDigest computed = new EntryDigest(Digest.ofSha256(sha256), size, first == 0x1f && second == 0x8b);
    digests.put(path, computed);
    return computed;
  }

  private TarArchiveEntry require(String path) throws IOException {
    return entry(path).orElseThrow(() -> new StoreException("archive " + archive + " lacks " + path));
  }

  private Optional<TarArchiveEntry> entry(String path) {
    String name = normalize(path);
    for (int hops = 0; hops < 32 && name != null; hops++) {
      TarArchiveEntry file = files.get(name);
      if (file != null) {
        return Optional.of(file);
      }
      name = links.get(name);
    }
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    tar.close();
    if (plainTar != null) {
      deleteQuietly(plainTar.resolve("archive.tar"), plainTar);
    }
  }

  private static void deleteQuietly(Path file, Path directory) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
      if (directory != null) {
        Files.deleteIfExists(directory);
      }
    } catch (IOException ignored) {
      // left in the store's temp directory, which prune empties
    }
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** The archive-relative path of an entry; refuses anything that could escape the archive. */
  static String safeName(String raw) throws UnsafeArchiveException {
    if (raw.startsWith("/") || raw.contains("\\") || raw.indexOf('\0') >= 0) {
      throw escapes(raw);
    }
    String normalized = normalize(raw);
    if (normalized == null) {
      throw escapes(raw);
    }
    return normalized;
  }

  /** {@code a/./b//c/} → {@code a/b/c}; null when {@code ..} climbs above the root. */
  static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  private static String resolveLink(String name, String target, boolean symbolic) throws UnsafeArchiveException {
    if (target == null || target.isEmpty() || target.startsWith("/")) {
      throw linkEscapes(name, target);
    }
    // Symlink targets are relative to the link's directory; hard link targets to the archive root.
    String base = symbolic && name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
    String resolved = normalize(base + target);
    if (resolved == null || resolved.isEmpty()) {
      throw linkEscapes(name, target);
    }
    return resolved;
  }

  private static UnsafeArchiveException escapes(String entry) {
    return new UnsafeArchiveException("refusing archive entry \"" + entry + "\": its path escapes the archive");
  }

  private static UnsafeArchiveException linkEscapes(String entry, String target) {
    return new UnsafeArchiveException(
        "refusing archive entry \"" + entry + "\": it links to \"" + target + "\" outside the archive");
  }
}
