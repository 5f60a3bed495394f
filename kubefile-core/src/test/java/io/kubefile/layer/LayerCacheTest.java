package io.kubefile.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubefile.image.Digest;
import io.kubefile.image.MediaTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {
  @TempDir Path tmp;

  private List<LayerEntry> entriesFor(Path file) throws Exception {
    return List.of(LayerEntry.directory("opt", 0755, 0, 0),
        LayerEntry.file("opt/bin", file, Files.size(file), 0755, 0, 0));
  }

  @Test
  void theKeyIsStableForUntouchedFilesAndIndependentOfOrder() throws Exception {
    Path file = Files.writeString(tmp.resolve("bin"), "v1");
    LayerCache cache = new LayerCache(tmp.resolve("cache"));
    List<LayerEntry> entries = entriesFor(file);
    assertThat(cache.key(entries, Instant.EPOCH)).isEqualTo(cache.key(List.of(entries.get(1), entries.get(0)), Instant.EPOCH));
    assertThat(cache.key(entries, Instant.EPOCH)).isNotEqualTo(cache.key(entries, Instant.ofEpochSecond(1)));
  }

  @Test
  void rewritingAFileInPlaceChangesTheKeyEvenWithTheSameSizeAndMtime() throws Exception {
    Path file = Files.writeString(tmp.resolve("bin"), "v1");
    FileTime mtime = Files.getLastModifiedTime(file);
    LayerCache cache = new LayerCache(tmp.resolve("cache"));
    String before = cache.key(entriesFor(file), Instant.EPOCH);
    Thread.sleep(20);
    Files.writeString(file, "v2");
    Files.setLastModifiedTime(file, mtime);
    assertThat(cache.key(entriesFor(file), Instant.EPOCH)).isNotEqualTo(before);
  }

  @Test
  void aRecordedLayerIsFoundOnlyWhileItsBlobExists() throws Exception {
    LayerCache cache = new LayerCache(tmp.resolve("cache"));
    Digest digest = Digest.sha256("layer".getBytes());
    cache.record("k1", new LayerBlob(null, MediaTypes.OCI_LAYER, digest, 5, digest));
    assertThat(cache.find("k1", d -> true)).get().extracting(LayerBlob::digest).isEqualTo(digest);
    assertThat(cache.find("k1", d -> false)).isEmpty();
    assertThat(cache.find("unknown", d -> true)).isEmpty();
    Files.writeString(tmp.resolve("cache/k2.json"), "{broken");
    assertThat(cache.find("k2", d -> true)).as("a damaged record is a miss, not an error").isEmpty();
  }
}
