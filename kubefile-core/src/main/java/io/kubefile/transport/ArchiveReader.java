package io.kubefile.transport;

import io.kubefile.image.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a tar archive (plain or gzip-compressed) in one pass, hashing every file. Names are
 * checked before anything is kept: absolute paths, {@code ..} and links pointing outside the
 * archive are refused with an error naming the entry, and nothing is ever written under an archive
 * name (extracted files get generated names), so a hostile archive cannot touch the filesystem.
 */
public final class ArchiveReader {
  /** Files up to this size are kept in memory when not extracting: manifests, configs, indexes. */
  static final long IN_MEMORY_LIMIT = 8L << 20;

  private ArchiveReader() {}

  /** Hashes every file and keeps the small ones in memory; for inspecting without importing. */
  public static ArchiveContents scan(Path archive) throws IOException {
    return read(archive, null);
  }

  /** Extracts every file into {@code dir} (under generated names), hashing it on the way. */
  public static ArchiveContents extract(Path archive, Path dir) throws IOException {
    Files.createDirectories(dir);
    return read(archive, dir);
  }

  private static ArchiveContents read(Path archive, Path extractDir) throws IOException {
    Map<String, ArchiveFile> files = new HashMap<>();
    Map<String, String> links = new HashMap<>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(maybeGunzip(raw))) {
      TarArchiveEntry entry;
      int count = 0;
      while ((entry = tar.getNextEntry()) != null) {
        String name = safeName(entry.getName(), entry.getName());
        if (entry.isDirectory() || name.isEmpty()) {
          continue;
        }
        if (entry.isSymbolicLink()) {
          links.put(name, resolveLink(name, entry.getLinkName(), true));
        } else if (entry.isLink()) {
          links.put(name, resolveLink(name, entry.getLinkName(), false));
        } else if (entry.isFile()) {
          Path target = extractDir == null ? null : extractDir.resolve("f" + (count++));
          files.put(name, readFile(name, tar, entry.getSize(), target));
        } else {
          throw new UnsafeArchiveException(
              "refusing archive entry \"" + entry.getName() + "\": not a regular file, directory or link");
        }
      }
    } catch (IOException e) {
      throw new IOException("cannot read archive " + archive + ": " + e.getMessage(), e);
    }
    return new ArchiveContents(archive, files, links);
  }

  private static InputStream maybeGunzip(InputStream in) throws IOException {
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GzipCompressorInputStream(in, true) : in;
  }

  private static ArchiveFile readFile(String name, InputStream in, long size, Path target)
      throws IOException {
    MessageDigest sha256 = Digest.newSha256();
    boolean keepInMemory = target == null && size <= IN_MEMORY_LIMIT;
    java.io.ByteArrayOutputStream memory = keepInMemory ? new java.io.ByteArrayOutputStream((int) size) : null;
    byte[] head = new byte[2];
    int headLength = 0;
    try (OutputStream disk = target == null ? OutputStream.nullOutputStream() : Files.newOutputStream(target)) {
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha256.update(buffer, 0, n);
        disk.write(buffer, 0, n);
        if (memory != null) {
          memory.write(buffer, 0, n);
        }
        for (int i = 0; i < n && headLength < 2; i++) {
          head[headLength++] = buffer[i];
        }
        total += n;
      }
      size = total;
    }
    boolean gzipped = headLength == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    return new ArchiveFile(name, Digest.ofSha256(sha256), size, gzipped,
        memory == null ? null : memory.toByteArray(), target);
  }

  /** The archive-relative path of an entry; refuses anything that could escape the archive. */
  static String safeName(String raw, String entryForMessage) throws UnsafeArchiveException {
    if (raw.startsWith("/") || raw.contains("\\") || raw.indexOf('\0') >= 0) {
      throw escapes(entryForMessage);
    }
    String normalized = normalize(raw);
    if (normalized == null) {
      throw escapes(entryForMessage);
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

  private static String resolveLink(String name, String target, boolean symbolic)
      throws UnsafeArchiveException {
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
    return new UnsafeArchiveException(
        "refusing archive entry \"" + entry + "\": its path escapes the archive");
  }

  private static UnsafeArchiveException linkEscapes(String entry, String target) {
    return new UnsafeArchiveException(
        "refusing archive entry \"" + entry + "\": it links to \"" + target + "\" outside the archive");
  }
}
