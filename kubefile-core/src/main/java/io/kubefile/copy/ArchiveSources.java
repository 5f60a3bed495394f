package io.kubefile.copy;

import io.kubefile.image.access.ArchiveSource;
import io.kubefile.store.StoreException;
import io.kubefile.transport.ArchiveFormat;
import io.kubefile.transport.TarArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the images of an archive as copy sources: the one rule for telling oci-archive from
 * docker-archive and for picking and naming an entry. Load, inspect, FROM-less reads and registry
 * save all come through here.
 */
public final class ArchiveSources {
  private ArchiveSources() {}

  /**
   * The image named {@code wantedName} (or the only image, when null) of an archive in {@code
   * format}, by {@link ArchiveEntries}' rule; closing the source closes the archive.
   *
   * @param workDirectory an absent directory a gzipped archive is decompressed into
   */
  public static ArchiveSource open(Path archive, ArchiveFormat format, String wantedName, Path workDirectory)
      throws IOException {
    return open(archive, format, wantedName, workDirectory, false);
  }

  /**
   * The image to save as {@code saveAs} (sealos's {@code images/skopeo/tar.txt}, {@code
   * docker-archive:FILE@NAME}): the archive's only image whatever it is called, else the one named so.
   */
  public static ArchiveSource openToSaveAs(Path archive, ArchiveFormat format, String saveAs, Path workDirectory)
      throws IOException {
    return open(archive, format, saveAs, workDirectory, true);
  }

  private static ArchiveSource open(Path archive, ArchiveFormat format, String wantedName, Path workDirectory,
      boolean onlyImageAnyName) throws IOException {
    TarArchive tar = TarArchive.open(archive, workDirectory);
    try {
      if (format == ArchiveFormat.OCI_ARCHIVE) {
        if (!OciArchiveSource.isLayout(tar)) {
          throw new StoreException("not an oci-archive (no oci-layout and index.json): " + archive);
        }
        return OciArchiveSource.select(tar, wantedName, onlyImageAnyName);
      }
      if (!tar.contains("manifest.json")) {
        throw new StoreException("not a docker-archive (no manifest.json): " + archive);
      }
      return DockerArchiveSource.select(tar, wantedName, onlyImageAnyName);
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e;
    }
  }

  /**
   * Every image of an open archive; closing them leaves the archive open.
   *
   * @param format the format the archive must have; null takes either
   */
  public static List<ArchiveSource> all(TarArchive archive, ArchiveFormat format) throws IOException {
    List<ArchiveSource> sources = new ArrayList<>();
    if (format != null && (format == ArchiveFormat.OCI_ARCHIVE) != OciArchiveSource.isLayout(archive)) {
      throw new StoreException(format == ArchiveFormat.OCI_ARCHIVE
          ? "not an oci-archive (no oci-layout and index.json): " + archive.archive()
          : "not a docker-archive (it is an oci-archive): " + archive.archive());
    }
    if (OciArchiveSource.isLayout(archive)) {
      sources.addAll(OciArchiveSource.all(archive));
    } else if (archive.contains("manifest.json")) {
      sources.addAll(DockerArchiveSource.all(archive));
    } else {
      throw new StoreException("not an oci-archive or docker-archive (no oci-layout and index.json, no manifest.json): "
          + archive.archive());
    }
    return sources;
  }
}
