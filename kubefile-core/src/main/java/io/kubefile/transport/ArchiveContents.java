package io.kubefile.transport;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The files of an archive by normalized path, with symlinks and hard links resolved inside it. */
public final class ArchiveContents {
  private final Path archive;
  private final Map<String, ArchiveFile> files;
  private final Map<String, String> links;

  ArchiveContents(Path archive, Map<String, ArchiveFile> files, Map<String, String> links) {
    this.archive = archive;
    this.files = Map.copyOf(files);
    this.links = Map.copyOf(links);
  }

  public Path archive() {
    return archive;
  }

  public Map<String, ArchiveFile> files() {
    return files;
  }

  public Optional<ArchiveFile> find(String path) {
    String name = ArchiveReader.normalize(path);
    for (int hops = 0; hops < 32 && name != null; hops++) {
      ArchiveFile file = files.get(name);
      if (file != null) {
        return Optional.of(file);
      }
      name = links.get(name);
    }
    return Optional.empty();
  }

  public ArchiveFile require(String path) {
    return find(path)
        .orElseThrow(() -> new io.kubefile.store.StoreException(
            "archive " + archive + " lacks " + path));
  }
}
