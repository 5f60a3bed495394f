package io.kubefile.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerBuilderTest {
  @TempDir Path tmp;

  private List<LayerEntry> sampleEntries() throws Exception {
    Path file = Files.writeString(tmp.resolve("data.txt"), "hello");
    String longName = "deep/" + "x".repeat(180) + "/file.txt";
    return List.of(
        LayerEntry.file("opt/data.txt", file, 5, 0644, 0, 0),
        LayerEntry.directory("opt", 0755, 0, 0),
        LayerEntry.symlink("opt/link", "data.txt", 0, 0),
        LayerEntry.hardlink("opt/hard", "opt/data.txt", 0644, 0, 0),
        LayerEntry.bytes(longName, "long".getBytes(StandardCharsets.UTF_8), 0600, 1000, 1000));
  }

  @Test
  void sameEntriesInAnyOrderGiveTheSameDigest() throws Exception {
    LayerBuilder builder = new LayerBuilder(Instant.EPOCH);
    List<LayerEntry> entries = sampleEntries();
    List<LayerEntry> reversed = new ArrayList<>(entries);
    java.util.Collections.reverse(reversed);
    LayerBlob a = builder.build(entries, tmp.resolve("a.tar"));
    LayerBlob b = builder.build(reversed, tmp.resolve("b.tar"));
    assertThat(a.digest()).isEqualTo(b.digest());
    assertThat(a.diffId()).isEqualTo(a.digest());
    assertThat(a.size()).isEqualTo(Files.size(tmp.resolve("a.tar")));
  }

  @Test
  void entriesAreSortedWithFixedTimesLinksAndLongNames() throws Exception {
    LayerBlob blob = new LayerBuilder(Instant.ofEpochSecond(1700000000)).build(sampleEntries(), tmp.resolve("l.tar"));
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(blob.file());
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        names.add(e.getName());
        assertThat(e.getModTime().toInstant()).isEqualTo(Instant.ofEpochSecond(1700000000));
        if (e.getName().equals("opt/link")) {
          assertThat(e.isSymbolicLink()).isTrue();
          assertThat(e.getLinkName()).isEqualTo("data.txt");
        }
        if (e.getName().equals("opt/hard")) {
          assertThat(e.isLink()).isTrue();
        }
        if (e.getName().startsWith("deep/")) {
          assertThat(e.getLongUserId()).isEqualTo(1000);
          assertThat(e.getMode() & 07777).isEqualTo(0600);
        }
      }
    }
    assertThat(names).containsExactly("deep/" + "x".repeat(180) + "/file.txt", "opt/", "opt/data.txt",
        "opt/hard", "opt/link");
  }
}
