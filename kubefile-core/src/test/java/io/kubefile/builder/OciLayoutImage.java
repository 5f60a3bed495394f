package io.kubefile.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * One image in an OCI layout directory (ours or one buildah pushed), read with plain JSON and tar
 * code rather than our own image classes, so it checks what we wrote instead of trusting it.
 */
final class OciLayoutImage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path layout;
  private final JsonNode manifest;

  private OciLayoutImage(Path layout, JsonNode manifest) {
    this.layout = layout;
    this.manifest = manifest;
  }

  static OciLayoutImage open(Path layout, String refName) throws IOException {
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    for (JsonNode entry : index.get("manifests")) {
      if (refName.equals(entry.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
        return new OciLayoutImage(layout, JSON.readTree(blob(layout, entry.get("digest").asText()).toFile()));
      }
    }
    throw new AssertionError("no image named " + refName + " in " + layout + ": " + index);
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
  }

  JsonNode config() throws IOException {
    return JSON.readTree(blob(layout, manifest.get("config").get("digest").asText()).toFile());
  }

  List<String> layerDigests() {
    List<String> out = new ArrayList<>();
    manifest.get("layers").forEach(l -> out.add(l.get("digest").asText()));
    return out;
  }

  /**
   * "uid:gid" of every path after applying the layers in order. umoci's rootless unpack maps every
   * owner to the unpacking user, so ownership is read from the layer tars themselves.
   */
  Map<String, String> owners() throws IOException {
    Map<String, String> owners = new TreeMap<>();
    for (String digest : layerDigests()) {
      try (InputStream in = decompressed(blob(layout, digest));
          TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
        for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
          String path = FileTree.clean(e.getName());
          if (!path.isEmpty()) {
            owners.put(path, e.getLongUserId() + ":" + e.getLongGroupId());
          }
        }
      }
    }
    return owners;
  }

  private static InputStream decompressed(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GzipCompressorInputStream(in) : in;
  }
}
