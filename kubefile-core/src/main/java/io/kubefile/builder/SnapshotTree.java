package io.kubefile.builder;

import io.kubefile.layer.LayerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The file system of a stage as the entries of its layers, later ones over earlier ones. It serves
 * {@code COPY --from=<stage>} and user/group lookups for {@code --chown} without unpacking anything.
 */
public final class SnapshotTree implements SourceTree {
  private final TreeMap<String, LayerEntry> entries = new TreeMap<>();
  private final String name;
  /** Fills the tree with a base image's files on first use; most builds never look. */
  private BaseLoader baseLoader;

  /** Loads the entries a tree starts from. */
  @FunctionalInterface
  public interface BaseLoader {
    SnapshotTree load() throws java.io.IOException;
  }

  public SnapshotTree(String name) {
    this.name = name;
  }

  /** A tree whose starting content is loaded only when something reads or changes it. */
  public static SnapshotTree lazy(String name, BaseLoader loader) {
    SnapshotTree t = new SnapshotTree(name);
    t.baseLoader = loader;
    return t;
  }

  private void ensureLoaded() {
    if (baseLoader != null) {
      BaseLoader loader = baseLoader;
      baseLoader = null;
      try {
        entries.putAll(loader.load().entries);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read the files of " + name, e);
      }
    }
  }

  public SnapshotTree copy(String newName) {
    ensureLoaded();
    SnapshotTree t = new SnapshotTree(newName);
    t.entries.putAll(entries);
    return t;
  }

  /** Applies a layer: its entries replace what was at their paths. */
  public void apply(List<LayerEntry> layer) {
    ensureLoaded();
    for (LayerEntry e : layer) {
      LayerEntry previous = entries.get(e.path());
      if (previous != null && previous.type() == LayerEntry.Type.DIRECTORY
          && e.type() != LayerEntry.Type.DIRECTORY) {
        entries.subMap(e.path() + "/", e.path() + "0").clear();
      }
      entries.put(e.path(), e);
    }
  }

  public java.util.NavigableMap<String, LayerEntry> entries() {
    ensureLoaded();
    return entries;
  }

  @Override
  public Optional<FileNode> lookup(String path) {
    ensureLoaded();
    if (path.isEmpty()) {
      return Optional.of(new FileNode("", FileNode.Kind.DIRECTORY, 0755, 0, null, null, null, null));
    }
    LayerEntry e = entries.get(path);
    if (e == null) {
      // A path under a recorded file's parent may only exist implicitly as a directory.
      String prefix = path + "/";
      String next = entries.ceilingKey(prefix);
      if (next != null && next.startsWith(prefix)) {
        return Optional.of(new FileNode(path, FileNode.Kind.DIRECTORY, 0755, 0, null, null, null, null));
      }
      return Optional.empty();
    }
    return Optional.of(toNode(e));
  }

  private FileNode toNode(LayerEntry e) {
    return switch (e.type()) {
      case DIRECTORY -> new FileNode(e.path(), FileNode.Kind.DIRECTORY, e.mode(), 0, null, null, null, null);
      case SYMLINK -> new FileNode(e.path(), FileNode.Kind.SYMLINK, 0777, 0, e.linkTarget(), null, null, null);
      case HARDLINK -> {
        LayerEntry target = entries.get(e.linkTarget());
        yield target == null
            ? new FileNode(e.path(), FileNode.Kind.FILE, e.mode(), 0, null, null, new byte[0], null)
            : new FileNode(e.path(), FileNode.Kind.FILE, target.mode(), target.size(), null,
                target.source(), target.content(), target.path());
      }
      case FILE -> new FileNode(e.path(), FileNode.Kind.FILE, e.mode(), e.size(), null, e.source(),
          e.content(), e.path());
    };
  }

  @Override
  public List<FileNode> children(String directory) {
    ensureLoaded();
    String prefix = directory.isEmpty() ? "" : directory + "/";
    List<FileNode> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (String key : entries.tailMap(prefix, true).keySet()) {
      if (!key.startsWith(prefix)) {
        break;
      }
      String rest = key.substring(prefix.length());
      if (rest.isEmpty()) {
        continue;
      }
      int slash = rest.indexOf('/');
      seen.add(slash < 0 ? rest : rest.substring(0, slash));
    }
    for (String child : seen) {
      lookup(prefix + child).ifPresent(out::add);
    }
    return out;
  }

  /** The content of a regular file, for /etc/passwd and /etc/group lookups. */
  public Optional<byte[]> readFile(String path) throws java.io.IOException {
    Optional<FileNode> node = lookup(path);
    if (node.isEmpty() || node.get().kind() != FileNode.Kind.FILE) {
      return Optional.empty();
    }
    try (var in = node.get().open()) {
      return Optional.of(in.readAllBytes());
    }
  }

  @Override
  public String describe() {
    return name;
  }
}
