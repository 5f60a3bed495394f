package io.kubefile.store;

import io.kubefile.image.Descriptor;
import io.kubefile.image.Digest;
import io.kubefile.image.ImageConfig;
import io.kubefile.image.ImageManifest;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.image.RuntimeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Assembles small but real images (tar layers, config, manifest) in a store, for tests. */
public final class TestImages {
  private TestImages() {}

  /** An uncompressed layer tar holding the given files (path → content). */
  public static byte[] layerTar(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> file : files.entrySet()) {
        byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(content.length);
        entry.setMode(0644);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Stores a one-file-per-layer image and returns its manifest descriptor (not yet tagged). */
  public static Descriptor store(ImageStore store, String seed, boolean gzipLayers) throws IOException {
    return store(store, seed, gzipLayers, Platform.host());
  }

  public static Descriptor store(ImageStore store, String seed, boolean gzipLayers, Platform platform)
      throws IOException {
    List<Descriptor> layers = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      byte[] tar = layerTar(Map.of("etc/" + seed + "-" + i + ".txt", seed + " layer " + i + "\n"));
      diffIds.add(Digest.sha256(tar));
      byte[] blob = gzipLayers ? gzip(tar) : tar;
      BlobInfo info = store.putBlob(blob);
      layers.add(info.descriptor(gzipLayers ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("seed", seed);
    labels.put("sealos.io.type", "rootfs");
    RuntimeConfig runtime =
        new RuntimeConfig(null, null, List.of("PATH=/usr/bin"), null, List.of("sh"), null, "/",
            labels, null, false, null, null, null);
    ImageConfig config =
        new ImageConfig("2024-01-02T03:04:05Z", null, platform.architecture(), platform.os(),
            platform.variant(), runtime, new ImageConfig.RootFs("layers", diffIds),
            List.of(new ImageConfig.History("2024-01-02T03:04:05Z", "COPY " + seed, null, null, false)));
    BlobInfo configInfo = store.putBlob(Json.bytes(config));
    ImageManifest manifest =
        ImageManifest.oci(configInfo.descriptor(MediaTypes.OCI_CONFIG), layers, Map.of());
    return store.putBlob(Json.bytes(manifest)).descriptor(MediaTypes.OCI_MANIFEST);
  }
}
