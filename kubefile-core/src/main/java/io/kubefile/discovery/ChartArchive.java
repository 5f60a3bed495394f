package io.kubefile.discovery;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Unpacks a packaged chart ({@code .tgz}) the way Helm's loader reads it: the top directory is dropped. */
final class ChartArchive {
  private ChartArchive() {}

  static void extract(Path archive, Path target, String where) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      Files.createDirectories(target);
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isFile()) {
          continue; // Helm only reads regular files; directories are implied by their files.
        }
        String name = entry.getName().replace('\\', '/');
        int slash = name.indexOf('/');
        if (slash < 0 || slash == name.length() - 1) {
          continue;
        }
        Path file = target.resolve(name.substring(slash + 1)).normalize();
        if (!file.startsWith(target)) {
          throw new DiscoveryException(where + ": archive entry escapes the chart: " + name);
        }
        Files.createDirectories(file.getParent());
        Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new DiscoveryException(where + ": cannot read chart archive: " + e.getMessage(), e);
    }
  }
}
