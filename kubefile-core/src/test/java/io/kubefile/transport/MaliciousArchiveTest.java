package io.kubefile.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubefile.copy.ImageSaver;
import io.kubefile.image.Digest;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreException;
import io.kubefile.store.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.Tag("reliability")
class MaliciousArchiveTest {
  @TempDir Path tmp;

  @Test
  void an_entry_climbing_out_with_dot_dot_is_refused_by_name() throws IOException {
    Path archive = tarWith(tar -> file(tar, "blobs/../../evil", "x"));
    assertRefused(archive, "blobs/../../evil");
    assertThat(tmp.resolve("evil")).doesNotExist();
  }

  @Test
  void an_absolute_entry_is_refused() throws IOException {
    assertRefused(tarWith(tar -> file(tar, "/tmp/evil", "x")), "/tmp/evil");
  }

  @Test
  void a_symlink_pointing_outside_is_refused() throws IOException {
    Path archive = tarWith(tar -> {
      TarArchiveEntry link = new TarArchiveEntry("index.json", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("../../../etc/passwd");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    });
    assertRefused(archive, "index.json");
  }

  @Test
  void an_absolute_hard_link_is_refused() throws IOException {
    Path archive = tarWith(tar -> {
      TarArchiveEntry link = new TarArchiveEntry("manifest.json", TarArchiveEntry.LF_LINK);
      link.setLinkName("/etc/passwd");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    });
    assertRefused(archive, "manifest.json");
  }

  @Test
  void a_blob_not_matching_its_digest_is_refused_and_nothing_is_named() throws IOException {
    ImageStore source = ImageStore.open(tmp.resolve("source"));
    source.tag("docker.io/library/good:1", TestImages.store(source, "good", false));
    Path good = tmp.resolve("good.tar");
    new ImageSaver(source).save(ArchiveFormat.OCI_ARCHIVE, List.of("docker.io/library/good:1"), good);
    // Same archive, with one blob's content swapped.
    var contents = entries(good);
    String victim = contents.keySet().stream().filter(n -> n.startsWith("blobs/sha256/")).sorted().findFirst().orElseThrow();
    Path bad = tarWith(tar -> {
      for (var f : contents.entrySet()) {
        file(tar, f.getKey(), f.getKey().equals(victim) ? "tampered" : new String(f.getValue(), StandardCharsets.ISO_8859_1));
      }
    });
    ImageStore target = ImageStore.open(tmp.resolve("target"));
    assertThatThrownBy(() -> ArchiveLoader.load(target, bad))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(victim);
    assertThat(target.indexEntries()).isEmpty();
  }

  @Test
  void an_archive_missing_a_layer_names_nothing() throws IOException {
    ImageStore source = ImageStore.open(tmp.resolve("source"));
    source.tag("docker.io/library/good:1", TestImages.store(source, "good", false));
    Digest layer = source.resolve("docker.io/library/good:1").orElseThrow().manifest().layers().get(0).digest();
    Path good = tmp.resolve("good.tar");
    new ImageSaver(source).save(ArchiveFormat.OCI_ARCHIVE, List.of("docker.io/library/good:1"), good);
    var contents = entries(good);
    Path incomplete = tarWith(tar -> {
      for (var f : contents.entrySet()) {
        if (!f.getKey().endsWith(layer.hex())) {
          file(tar, f.getKey(), new String(f.getValue(), StandardCharsets.ISO_8859_1));
        }
      }
    });
    ImageStore target = ImageStore.open(tmp.resolve("target"));
    assertThatThrownBy(() -> ArchiveLoader.load(target, incomplete)).hasMessageContaining(layer.toString());
    assertThat(target.indexEntries()).isEmpty();
  }

  private void assertRefused(Path archive, String entry) throws IOException {
    ImageStore store = ImageStore.open(tmp.resolve("store"));
    assertThatThrownBy(() -> ArchiveLoader.load(store, archive))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("\"" + entry + "\"");
    assertThat(store.indexEntries()).isEmpty();
    assertThat(store.prune().removedTempFiles()).isZero(); // the loader's work dir is gone too
  }

  /** The regular files of a (small, trusted) tar by name, for writing altered copies of it. */
  private static java.util.Map<String, byte[]> entries(Path archive) throws IOException {
    java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(archive))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile()) {
          files.put(entry.getName(), tar.readAllBytes());
        }
      }
    }
    return files;
  }

  interface TarContent {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private Path tarWith(TarContent content) throws IOException {
    Path archive = Files.createTempFile(tmp, "archive", ".tar");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      content.write(tar);
    }
    return archive;
  }

  private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
    TarArchiveEntry entry = new TarArchiveEntry(name, true); // keep the name exactly as given
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }
}
