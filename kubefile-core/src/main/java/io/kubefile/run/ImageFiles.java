package io.kubefile.run;

import io.kubefile.image.Descriptor;
import io.kubefile.image.MediaTypes;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoredImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
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
 *
 * <p>Each file is hashed while it is written (one pass over the layer, in large chunks), so a cold
 * run reads the image's bytes once before sending them, not twice (profiled in
 * {@code bench/run-fanout}: a separate hashing pass and 8 KB copies cost about as much CPU as
 * OpenSSH's whole copy).
 */
public final class ImageFiles {
  /** Copy chunk: large enough that a 512 MB image costs hundreds of system calls, not 65 000. */
  private static final int COPY_BUFFER = 1 << 20;

  private ImageFiles() {}

  /**
   * The image's files under {@code dir} with its {@code .tmpl} files rendered with {@code env}, and
   * their manifest. The manifest of the extracted files is kept next to {@code dir} (hashing 512 MB
   * again on every run would cost more than a run that sends nothing); only rendered files are
   * hashed again.
   */
  public static FileManifest prepare(ImageStore store, StoredImage image, Path dir, java.util.Map<String, String> env)
      throws IOException {
    Path cache = dir.resolveSibling(dir.getFileName() + ".files");
    Map<String, String> hashes = extract(store, image, dir);
    FileManifest extracted = hashes == null ? FileManifest.cached(dir, cache) : FileManifest.record(dir, hashes, cache);
    return extracted.updated(dir, io.kubefile.lang.template.TemplateFiles.renderAll(dir, env));
  }

  /**
   * The image's files as {@code run} sends them, with its {@code .tmpl} files rendered with
   * {@code env}, and their manifest. The image's own files are extracted once into the store
   * ({@link ImageStore#imageFilesArea}) and shared by every cluster and run, never written to
   * again; the rendered files, which depend on a cluster's env, are written under
   * {@code renderDir}, and the manifest points at them. The caller holds a store lease while it
   * reads the files, so that prune does not delete them.
   */
  public static FileManifest prepareShared(ImageStore store, StoredImage image, String name, Path renderDir,
      java.util.Map<String, String> env) throws IOException {
    Path tree = store.imageFilesArea(image.id());
    Path cache = tree.resolveSibling(tree.getFileName() + ".files");
    FileManifest extracted;
    try {
      Map<String, String> hashes = extract(store, image, tree);
      extracted = hashes == null ? FileManifest.cached(tree, cache) : FileManifest.record(tree, hashes, cache);
    } catch (RunException e) {
      throw new RunException(name + ": " + e.getMessage(), e);
    }
    deleteTree(renderDir);
    Files.createDirectories(renderDir);
    return extracted.updated(renderDir, io.kubefile.lang.template.TemplateFiles.renderAll(tree, env, renderDir));
  }

  /**
   * The image's merged files under {@code dir}, extracting them when absent; returns the SHA-256
   * of every regular file written (by path relative to {@code dir}), or null when {@code dir}
   * was already there.
   */
  static Map<String, String> extract(ImageStore store, StoredImage image, Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return null;
    }
    Files.createDirectories(dir.getParent());
    // Named for this extraction: two runs may extract the same image at once (the first rename wins).
    Path temp = dir.resolveSibling("." + dir.getFileName() + ".extracting-" + java.util.UUID.randomUUID());
    deleteTree(temp);
    Files.createDirectories(temp);
    Map<String, String> hashes = new HashMap<>();
    ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER);
    for (Descriptor layer : image.manifest().layers()) {
      try (InputStream blob = store.openBlob(layer.digest())) {
        apply(decompress(blob, layer.mediaType()), temp, layer.digest().toString(), hashes, buffer);
      }
    }
    try {
      Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
      // Another run extracted the same image meanwhile (rename(2) onto a non-empty directory
      // fails): the same files, so theirs are kept.
      deleteTree(temp);
      return null;
    }
    return hashes;
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

  private static void apply(InputStream layer, Path root, String layerName, Map<String, String> hashes, ByteBuffer buffer)
      throws IOException {
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
          Path linked = safeTarget(root, entry.getLinkName(), layerName);
          Files.createLink(target, linked);
          String hash = hashes.get(root.relativize(linked).toString());
          if (hash != null) {
            hashes.put(root.relativize(target).toString(), hash);
          }
        } else if (entry.isFile()) {
          deleteTree(target);
          hashes.put(root.relativize(target).toString(), copyHashing(tar, target, buffer));
          setMode(target, entry.getMode());
        }
      }
    }
  }

  /** Writes the rest of {@code in} to a new file {@code target}; returns the SHA-256 of the bytes. */
  private static String copyHashing(InputStream in, Path target, ByteBuffer buffer) throws IOException {
    MessageDigest digest = FileManifest.newSha256();
    byte[] array = buffer.array();
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int n; (n = in.readNBytes(array, 0, array.length)) > 0; ) {
        digest.update(array, 0, n);
        buffer.clear().limit(n);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
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
