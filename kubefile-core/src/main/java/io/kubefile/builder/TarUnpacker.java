package io.kubefile.builder;

import io.kubefile.layer.LayerEntry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Reads a tar archive (plain, gzip, bzip2 or xz, detected by content as ADD does) into layer
 * entries under a destination directory. File contents go to a scratch directory so nothing large
 * is held in memory. Entries that would land outside the destination are refused.
 */
final class TarUnpacker {
  private TarUnpacker() {}

  /** Whether the file is a tar archive, possibly compressed: what ADD unpacks. */
  static boolean isArchive(Path file) {
    try (InputStream in = open(file); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      return tar.getNextEntry() != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    try {
      String kind = CompressorStreamFactory.detect(raw);
      if (kind.equals(CompressorStreamFactory.GZIP) || kind.equals(CompressorStreamFactory.BZIP2)
          || kind.equals(CompressorStreamFactory.XZ)) {
        return new BufferedInputStream(new CompressorStreamFactory().createCompressorInputStream(kind, raw));
      }
      return raw;
    } catch (CompressorException notCompressed) {
      return raw;
    }
  }

  /** Unpacks into entries whose paths start with {@code destDir}; contents go under {@code scratch}. */
  static List<LayerEntry> unpack(Path archive, String destDir, Path scratch, long uid, long gid,
      boolean keepOwners) throws IOException {
    List<LayerEntry> out = new ArrayList<>();
    int counter = 0;
    try (InputStream in = open(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = e.getName();
        String relative = PathNames.cleanRelative(name);
        if (escapes(name)) {
          throw new BuildException("archive " + archive.getFileName() + ": entry \"" + name
              + "\" would be written outside the destination");
        }
        if (relative.isEmpty()) {
          continue;
        }
        String path = PathNames.join(destDir, relative);
        long u = keepOwners ? e.getLongUserId() : uid;
        long g = keepOwners ? e.getLongGroupId() : gid;
        int mode = e.getMode() & 07777;
        if (e.isDirectory()) {
          out.add(LayerEntry.directory(path, mode, u, g));
        } else if (e.isSymbolicLink()) {
          out.add(LayerEntry.symlink(path, e.getLinkName(), u, g));
        } else if (e.isLink()) {
          String target = PathNames.cleanRelative(e.getLinkName());
          if (escapes(e.getLinkName())) {
            throw new BuildException("archive " + archive.getFileName() + ": hard link \"" + name
                + "\" points outside the destination");
          }
          out.add(LayerEntry.hardlink(path, PathNames.join(destDir, target), mode, u, g));
        } else if (e.isFile()) {
          Path content = scratch.resolve("f" + (counter++));
          Files.copy(tar, content);
          out.add(LayerEntry.file(path, content, Files.size(content), mode, u, g));
        }
      }
    }
    return out;
  }

  private static boolean escapes(String name) {
    int depth = 0;
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return false;
  }
}
