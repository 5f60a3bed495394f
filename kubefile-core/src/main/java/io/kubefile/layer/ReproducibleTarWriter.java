package io.kubefile.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes layer entries as a tar stream that depends only on the entries: sorted by path, one fixed
 * modification time, numeric ownership without user names, PAX headers for long names and big
 * numbers. Identical inputs therefore give identical bytes (and digests) on any machine, as Jib's
 * reproducible layers do.
 */
public final class ReproducibleTarWriter {
  private static final Comparator<LayerEntry> BY_PATH = Comparator.comparing(LayerEntry::path);
  private final Instant modificationTime;

  public ReproducibleTarWriter(Instant modificationTime) {
    this.modificationTime = modificationTime;
  }

  /** Writes all entries, sorted, and finishes the tar (the stream itself stays open). */
  public void write(List<LayerEntry> entries, OutputStream out) throws IOException {
    List<LayerEntry> sorted = new ArrayList<>(entries);
    sorted.sort(BY_PATH);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out));
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    FileTime mtime = FileTime.from(modificationTime);
    byte[] buffer = new byte[128 * 1024];
    for (LayerEntry entry : sorted) {
      TarArchiveEntry header = header(entry);
      header.setLastModifiedTime(mtime);
      header.setUserId(entry.uid());
      header.setGroupId(entry.gid());
      header.setUserName("");
      header.setGroupName("");
      tar.putArchiveEntry(header);
      if (entry.type() == LayerEntry.Type.FILE) {
        if (entry.content() != null) {
          tar.write(entry.content());
        } else {
          copyExactly(entry, tar, buffer);
        }
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
    tar.flush();
  }

  private static TarArchiveEntry header(LayerEntry entry) {
    TarArchiveEntry header;
    switch (entry.type()) {
      case DIRECTORY -> {
        header = new TarArchiveEntry(entry.path() + "/", TarConstants.LF_DIR, false);
        header.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | entry.mode() & 07777);
      }
      case SYMLINK -> {
        header = new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK, false);
        header.setLinkName(entry.linkTarget());
        header.setMode(0120000 | 0777);
      }
      case HARDLINK -> {
        header = new TarArchiveEntry(entry.path(), TarConstants.LF_LINK, false);
        header.setLinkName(entry.linkTarget());
        header.setMode(0100000 | entry.mode() & 07777);
      }
      default -> {
        header = new TarArchiveEntry(entry.path(), TarConstants.LF_NORMAL, false);
        header.setMode(0100000 | entry.mode() & 07777);
        header.setSize(entry.size());
      }
    }
    return header;
  }

  /** Copies the file's recorded size; a file that changed size while building is an error. */
  private static void copyExactly(LayerEntry entry, OutputStream tar, byte[] buffer) throws IOException {
    long remaining = entry.size();
    try (InputStream in = Files.newInputStream(entry.source())) {
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          throw new IOException(entry.source() + " shrank while it was being copied into a layer");
        }
        tar.write(buffer, 0, n);
        remaining -= n;
      }
      if (in.read() >= 0) {
        throw new IOException(entry.source() + " grew while it was being copied into a layer");
      }
    }
  }

  /** Keeps the tar stream from closing the digesting stream below it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
