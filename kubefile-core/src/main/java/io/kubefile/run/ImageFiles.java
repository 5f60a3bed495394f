package io.kubefile.run;

import io.kubefile.image.Descriptor;
import io.kubefile.image.MediaTypes;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The files of an image, read from the local store: its layers applied in order into a directory
 * (OCI whiteouts honoured), as a container runtime's mount would show them, but without a runtime
 * or a mount (sealos needs buildah for this). The result is kept under the cluster's directory and
 * reused while the image ID is the same; it appears only when complete (extracted next to it, then
 * renamed).
 */
public final class ImageFiles {
  private ImageFiles() {}

  /**
   * The image's files under {@code dir} with its {@code .tmpl} files rendered with {@code env}, and
   * their manifest. The manifest of the extracted files is kept next to {@code dir} (hashing 512 MB
   * again on every run would cost more than a run that sends nothing); only rendered files are
   * hashed again.
   */
  public static FileManifest prepare(ImageStore store, StoredImage image, Path dir, java.util.Map<String, String> env)
      throws IOException {
    extract(store, image, dir);
    FileManifest extracted = FileManifest.cached(dir, dir.resolveSibling(dir.getFileName() + ".files"));
    return extracted.updated(dir, io.kubefile.lang.template.TemplateFiles.renderAll(dir, env));
  }

  /** The image's merged files under {@code dir}, extracting them when absent. */
  public static Path extract(ImageStore store, StoredImage image, Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Files.createDirectories(dir.getParent());
    Path temp = dir.resolveSibling("." + dir.getFileName() + ".extracting");
    deleteTree(temp);
    Files.createDirectories(temp);
    for (Descriptor layer : image.manifest().layers()) {
      try (InputStream blob = store.openBlob(layer.digest())) {
        apply(decompress(blob, layer.mediaType()), temp, layer.digest().toString());
      }
    }
    Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
    return dir;
  }

  private static InputStream decompress(InputStream blob, String mediaType) throws IOException {
    InputStream in = new BufferedInputStream(blob, 1 << 16);
    if (mediaType != null && mediaType.contains("zstd")) {
      throw new RunException("zstd-compressed layers are not supported yet (" + mediaType + ")");
    }
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    boolean gzip = b1 == 0x1f && b2 == 0x8b;
    return gzip || MediaTypes.OCI_LAYER_GZIP.equals(mediaType) ? new GzipCompressorInputStream(in, true) : in;
  }

  private static void apply(InputStream layer, Path root, String layerName) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(layer)) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        String name = entry.getName();
        while (name.startsWith("./") || name.startsWith("/")) {
          name = name.startsWith("./") ? name.substring(2) : name.substring(1);
        }
        if (name.isEmpty() || name.equals(".")) {
          continue;
        }
        Path target = safeTarget(root, name, layerName);
        String base = target.getFileName().toString();
        if (base.equals(".wh..wh..opq")) {
          clearDirectory(target.getParent());
          continue;
        }
        if (base.startsWith(".wh.")) {
          deleteTree(target.resolveSibling(base.substring(4)));
          continue;
        }
        Files.createDirectories(target.getParent());
        if (entry.isDirectory()) {
          if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(target);
            Files.createDirectory(target);
          }
          setMode(target, entry.getMode());
        } else if (entry.isSymbolicLink()) {
          deleteTree(target);
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          deleteTree(target);
          Files.createLink(target, safeTarget(root, entry.getLinkName(), layerName));
        } else if (entry.isFile()) {
          deleteTree(target);
          Files.copy(tar, target);
          setMode(target, entry.getMode());
        }
      }
    }
  }

  /** Refuses entries that would land outside the tree, directly or through a symlink of an earlier entry. */
  private static Path safeTarget(Path root, String name, String layerName) throws IOException {
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new RunException("layer " + layerName + " has an entry outside the image root: " + name);
    }
    for (Path p = target.getParent(); p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new RunException("layer " + layerName + " writes " + name + " through the symlink " + root.relativize(p));
      }
    }
    return target;
  }

  private static void setMode(Path path, int mode) throws IOException {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission permission : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
        set.add(permission);
      }
    }
    Files.setPosixFilePermissions(path, set);
  }

  private static void clearDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        deleteTree(child);
      }
    }
  }

  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(path);
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

}
