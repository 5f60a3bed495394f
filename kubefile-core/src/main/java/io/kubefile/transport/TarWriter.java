package io.kubefile.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes a reproducible tar (zero times, root owner, fixed modes), each path at most once. */
public final class TarWriter implements AutoCloseable {
  private final TarArchiveOutputStream tar;
  private final Set<String> written = new HashSet<>();

  public TarWriter(OutputStream out) {
    tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  public boolean contains(String name) {
    return written.contains(name);
  }

  public void directory(String name) throws IOException {
    if (written.add(name)) {
      TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
      entry.setMode(040755);
      entry.setModTime(0);
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
    }
  }

  public void bytes(String name, byte[] content) throws IOException {
    if (written.add(name)) {
      tar.putArchiveEntry(fileEntry(name, content.length));
      tar.write(content);
      tar.closeArchiveEntry();
    }
  }

  public void file(String name, Path file) throws IOException {
    if (written.add(name)) {
      tar.putArchiveEntry(fileEntry(name, Files.size(file)));
      try (InputStream in = Files.newInputStream(file)) {
        in.transferTo(tar);
      }
      tar.closeArchiveEntry();
    }
  }

  private static TarArchiveEntry fileEntry(String name, long size) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(size);
    entry.setMode(0100644);
    entry.setModTime(0);
    return entry;
  }

  @Override
  public void close() throws IOException {
    tar.finish();
    tar.close();
  }
}
