package io.kubefile.builder;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.store.BlobInfo;
import io.kubefile.store.BlobWriter;
import io.kubefile.store.ImageStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Splits each layer that differs between the platforms of one multi-platform build into the
 * entries every platform has, byte for byte, and each platform's own entries: two layers in place
 * of one. The shared layer has the same bytes in every platform's image, so the index stores it
 * once; this is what keeps a per-platform {@code registry/} (each platform's images saved apart)
 * from storing the blobs the platforms' images share once per platform.
 *
 * <p>Each platform's extracted tree stays what the unsplit layer gives: entries keep their headers
 * and order (the layers are sorted by path), a shared entry is shared only with its parent
 * directories and hard-link target, and the platform's layer repeats the directory entries above
 * its own files, so their mode, owner and time are set again after the files go in. Layers holding
 * whiteouts, compressed layers (a base image's) and layers with nothing worth sharing are kept
 * whole. The split is a pure function of the layers, so a build with a fixed timestamp gives the
 * same index digest every time.
 */
final class SharedLayerSplit {
  private static final String SHARED_COMMENT = "the part of this step that every platform has";
  private static final String OWN_COMMENT = "the part of this step that is this platform's own";

  private final ImageStore store;

  SharedLayerSplit(ImageStore store) {
    this.store = store;
  }

  /** The platforms' images with shared parts split out; the results as given when nothing is shared. */
  List<BuildResult> split(List<BuildResult> results) throws IOException {
    if (results.size() < 2) {
      return results;
    }
    List<ImageManifest> manifests = new ArrayList<>();
    for (BuildResult result : results) {
      manifests.add(Json.read(store.readBlob(result.manifest().digest()), ImageManifest.class,
          "manifest " + result.manifest().digest()));
    }
    int count = manifests.get(0).layers().size();
    for (int p = 0; p < results.size(); p++) {
      if (manifests.get(p).layers().size() != count || results.get(p).config().rootfs().diffIds().size() != count) {
        return results;
      }
    }
    List<List<Descriptor>> layers = new ArrayList<>();
    List<List<Digest>> diffIds = new ArrayList<>();
    manifests.forEach(m -> {
      layers.add(new ArrayList<>());
      diffIds.add(new ArrayList<>());
    });
    List<Integer> splitAt = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Descriptor> at = new ArrayList<>();
      for (ImageManifest m : manifests) {
        at.add(m.layers().get(i));
      }
      Optional<List<Descriptor[]>> parts = differs(at) ? splitLayer(at) : Optional.empty();
      for (int p = 0; p < manifests.size(); p++) {
        if (parts.isPresent()) {
          for (Descriptor part : parts.get().get(p)) {
            layers.get(p).add(part);
            diffIds.get(p).add(part.digest()); // uncompressed: the digest is the diff ID
          }
        } else {
          layers.get(p).add(at.get(p));
          diffIds.get(p).add(results.get(p).config().rootfs().diffIds().get(i));
        }
      }
      parts.ifPresent(x -> splitAt.add(layers.get(0).size() - 2));
    }
    if (splitAt.isEmpty()) {
      return results;
    }
    List<BuildResult> split = new ArrayList<>();
    for (int p = 0; p < results.size(); p++) {
      split.add(rewrite(results.get(p), manifests.get(p), layers.get(p), diffIds.get(p), splitAt));
    }
    return split;
  }

  /** Whether the platforms' layers differ and are all this build's own uncompressed tars. */
  private static boolean differs(List<Descriptor> at) {
    return at.stream().map(Descriptor::digest).distinct().count() > 1
        && at.stream().allMatch(d -> MediaTypes.OCI_LAYER.equals(d.mediaType()));
  }

  /** Per platform {shared, own}; empty when the layers share no file content or hold whiteouts. */
  private Optional<List<Descriptor[]>> splitLayer(List<Descriptor> at) throws IOException {
    List<Map<String, Entry>> entries = new ArrayList<>();
    for (Descriptor layer : at) {
      Map<String, Entry> scanned = scan(store.blobPath(layer.digest()));
      if (scanned == null) {
        return Optional.empty();
      }
      entries.add(scanned);
    }
    Set<String> shared = sharedPaths(entries);
    boolean sharesContent = shared.stream().map(entries.get(0)::get).anyMatch(e -> e.size > 0);
    if (!sharesContent) {
      return Optional.empty();
    }
    List<Descriptor[]> parts = new ArrayList<>();
    Descriptor sharedLayer = null;
    for (int p = 0; p < at.size(); p++) {
      Set<String> own = ownPaths(entries.get(p), shared);
      try (BlobWriter sharedOut = p == 0 ? store.newBlobWriter() : null;
          BlobWriter ownOut = store.newBlobWriter()) {
        copy(store.blobPath(at.get(p).digest()), shared, sharedOut, own, ownOut);
        if (sharedOut != null) {
          sharedLayer = layerDescriptor(sharedOut.commit());
        }
        parts.add(new Descriptor[] {sharedLayer, layerDescriptor(ownOut.commit())});
      }
    }
    return Optional.of(parts);
  }

  private static Descriptor layerDescriptor(BlobInfo blob) {
    return Descriptor.of(MediaTypes.OCI_LAYER, blob.digest(), blob.size());
  }

  /**
   * The paths whose entry is the same on every platform, less those whose parent directory or
   * hard-link target is not shared (the shared layer must extract on its own).
   */
  private static Set<String> sharedPaths(List<Map<String, Entry>> entries) {
    Set<String> shared = new LinkedHashSet<>();
    for (Map.Entry<String, Entry> e : entries.get(0).entrySet()) {
      if (entries.stream().allMatch(m -> e.getValue().equals(m.get(e.getKey())))) {
        shared.add(e.getKey());
      }
    }
    Map<String, Entry> first = entries.get(0);
    boolean changed = true;
    while (changed) {
      changed = shared.removeIf(path -> {
        for (String parent = parent(path); parent != null; parent = parent(parent)) {
          if (first.containsKey(parent) && !shared.contains(parent)) {
            return true;
          }
        }
        Entry entry = first.get(path);
        return entry.type == TarArchiveEntry.LF_LINK && !shared.contains(clean(entry.linkName));
      });
    }
    return shared;
  }

  /** A platform's own paths and the directories above them, which its layer sets again. */
  private static Set<String> ownPaths(Map<String, Entry> entries, Set<String> shared) {
    Set<String> own = new HashSet<>();
    for (String path : entries.keySet()) {
      if (!shared.contains(path)) {
        own.add(path);
        for (String parent = parent(path); parent != null; parent = parent(parent)) {
          if (entries.containsKey(parent)) {
            own.add(parent);
          }
        }
      }
    }
    return own;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? null : path.substring(0, slash);
  }

  private static String clean(String name) {
    String path = name.startsWith("./") ? name.substring(2) : name;
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** One entry's header fields and content digest; null for a layer that holds a whiteout. */
  private record Entry(byte type, int mode, long uid, long gid, long mtime, String linkName, long size,
      String content) {}

  private static Map<String, Entry> scan(Path layer) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    byte[] buffer = new byte[128 * 1024];
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(layer)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String path = clean(e.getName());
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (base.startsWith(".wh.")) {
          return null;
        }
        String content = "";
        if (e.isFile()) {
          MessageDigest sha256 = Digest.newSha256();
          for (int n = tar.read(buffer); n >= 0; n = tar.read(buffer)) {
            sha256.update(buffer, 0, n);
          }
          content = Digest.ofSha256(sha256).toString();
        }
        entries.put(path, new Entry(e.getLinkFlag(), e.getMode(), e.getLongUserId(), e.getLongGroupId(),
            e.getLastModifiedTime().toMillis(), e.getLinkName(), e.getSize(), content));
      }
    }
    return entries;
  }

  /** One pass over a layer: its shared entries to {@code sharedOut} (when given), its own to {@code ownOut}. */
  private static void copy(Path layer, Set<String> shared, OutputStream sharedOut, Set<String> own,
      OutputStream ownOut) throws IOException {
    TarArchiveOutputStream sharedTar = sharedOut == null ? null : newTar(sharedOut);
    TarArchiveOutputStream ownTar = newTar(ownOut);
    byte[] buffer = new byte[128 * 1024];
    try (InputStream in = new BufferedInputStream(Files.newInputStream(layer));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String path = clean(e.getName());
        List<TarArchiveOutputStream> targets = new ArrayList<>(2);
        if (sharedTar != null && shared.contains(path)) {
          targets.add(sharedTar);
        }
        if (own.contains(path)) {
          targets.add(ownTar);
        }
        for (TarArchiveOutputStream target : targets) {
          target.putArchiveEntry(header(e));
        }
        if (e.isFile() && !targets.isEmpty()) {
          for (int n = tar.read(buffer); n >= 0; n = tar.read(buffer)) {
            for (TarArchiveOutputStream target : targets) {
              target.write(buffer, 0, n);
            }
          }
        }
        for (TarArchiveOutputStream target : targets) {
          target.closeArchiveEntry();
        }
      }
    }
    if (sharedTar != null) {
      sharedTar.finish();
      sharedTar.flush();
    }
    ownTar.finish();
    ownTar.flush();
  }

  /** Written as {@link io.kubefile.layer.ReproducibleTarWriter} writes layers, so equal entries give equal bytes. */
  private static TarArchiveOutputStream newTar(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    return tar;
  }

  private static TarArchiveEntry header(TarArchiveEntry in) {
    TarArchiveEntry out = new TarArchiveEntry(in.getName(), in.getLinkFlag(), false);
    out.setMode(in.getMode());
    out.setUserId(in.getLongUserId());
    out.setGroupId(in.getLongGroupId());
    out.setUserName("");
    out.setGroupName("");
    out.setLastModifiedTime(in.getLastModifiedTime());
    if (in.getLinkName() != null && !in.getLinkName().isEmpty()) {
      out.setLinkName(in.getLinkName());
    }
    if (in.isFile()) {
      out.setSize(in.getSize());
    }
    return out;
  }

  /**
   * The platform's image with its split layers and their diff IDs in place of the unsplit ones,
   * and a history entry for each platform's own part after its step's (now the shared part's).
   */
  private BuildResult rewrite(BuildResult result, ImageManifest manifest, List<Descriptor> layers,
      List<Digest> diffIds, List<Integer> splitAt) throws IOException {
    ImageConfig config = result.config();
    ImageConfig split = new ImageConfig(config.created(), config.author(), config.architecture(), config.os(),
        config.variant(), config.config(), new ImageConfig.RootFs("layers", diffIds),
        history(config.history(), manifest.layers().size(), splitAt));
    BlobInfo configBlob = store.putBlob(Json.bytes(split));
    ImageManifest rewritten = ImageManifest.oci(
        Descriptor.of(MediaTypes.OCI_CONFIG, configBlob.digest(), configBlob.size()), layers,
        manifest.annotations());
    BlobInfo manifestBlob = store.putBlob(Json.bytes(rewritten));
    return new BuildResult(configBlob.digest(),
        Descriptor.of(MediaTypes.OCI_MANIFEST, manifestBlob.digest(), manifestBlob.size()),
        result.names(), split, result.warnings());
  }

  /** History with an entry per split-off layer; left as it is when it does not list one entry per layer. */
  private static List<ImageConfig.History> history(List<ImageConfig.History> history, int layerCount,
      List<Integer> splitAt) {
    if (history.stream().filter(h -> !h.emptyLayer()).count() != layerCount) {
      return history;
    }
    Set<Integer> sharedPositions = new HashSet<>();
    for (int k = 0; k < splitAt.size(); k++) {
      sharedPositions.add(splitAt.get(k) - k); // the position in the unsplit layer list
    }
    List<ImageConfig.History> out = new ArrayList<>();
    int layer = 0;
    for (ImageConfig.History h : history) {
      if (h.emptyLayer() || !sharedPositions.contains(layer)) {
        out.add(h);
      } else {
        out.add(new ImageConfig.History(h.created(), h.createdBy(), h.author(), SHARED_COMMENT, false));
        out.add(new ImageConfig.History(h.created(), h.createdBy(), h.author(), OWN_COMMENT, false));
      }
      if (!h.emptyLayer()) {
        layer++;
      }
    }
    return out;
  }
}
