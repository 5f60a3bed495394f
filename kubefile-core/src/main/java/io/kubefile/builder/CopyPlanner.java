package io.kubefile.builder;

import io.kubefile.layer.LayerEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what a COPY writes, following buildkit: sources are relative to the tree root (leading
 * {@code /} and {@code ..} clamped), wildcards match per path component, a directory copies its
 * contents, a trailing slash makes the destination a directory, symlinks inside are copied as
 * symlinks, and files sharing an inode become hard links within the layer.
 */
public final class CopyPlanner {
  private static final int MAX_SYMLINK_HOPS = 40;

  private final SnapshotTree target;

  /** @param target the stage's file system so far, to tell existing directories apart */
  public CopyPlanner(SnapshotTree target) {
    this.target = target;
  }

  public List<LayerEntry> plan(CopyRequest request) throws IOException {
    List<FileNode> matches = new ArrayList<>();
    boolean wildcard = false;
    for (String raw : request.sources()) {
      String source = PathNames.cleanRelative(raw);
      if (PathNames.hasWildcard(source)) {
        wildcard = true;
        matches.addAll(new GlobWalker(request.tree(), request.globMatcher()).match(source));
      } else {
        FileNode node = resolveLiteral(request.tree(), source, raw);
        matches.add(node);
      }
    }
    String destination = request.destination();
    String destPath = PathNames.cleanRelative(destination);
    boolean destIsDirectory = destination.endsWith("/") || destPath.isEmpty()
        || request.sources().size() > 1 || wildcard
        || target.lookup(destPath).map(FileNode::isDirectory).orElse(false)
        || (matches.size() == 1 && matches.get(0).isDirectory());

    Map<String, LayerEntry> out = new LinkedHashMap<>();
    addParents(out, destIsDirectory ? destPath : PathNames.parent(destPath), request);
    Map<Object, String> firstPathOfFile = new HashMap<>();
    for (FileNode node : matches) {
      if (node.isDirectory()) {
        if (!destPath.isEmpty() && !out.containsKey(destPath)) {
          out.put(destPath, directoryEntry(destPath, node.mode(), request));
        }
        copyChildren(request, node.path(), node.path(), destPath, out, firstPathOfFile);
      } else {
        String name = PathNames.base(node.path());
        String to = destIsDirectory ? PathNames.join(destPath, name) : destPath;
        if (to.isEmpty()) {
          throw new BuildException("cannot copy " + node.path() + " onto the root directory");
        }
        if (request.excluded().test(name)) {
          continue;
        }
        out.put(to, entryFor(node, to, request, firstPathOfFile));
      }
    }
    return new ArrayList<>(out.values());
  }

  private void copyChildren(CopyRequest request, String sourceRoot, String directory, String destDir,
      Map<String, LayerEntry> out, Map<Object, String> firstPathOfFile) throws IOException {
    for (FileNode child : request.tree().children(directory)) {
      String relative = PathNames.relativize(sourceRoot, child.path());
      if (request.excluded().test(relative)) {
        continue;
      }
      String to = PathNames.join(destDir, relative);
      if (child.isDirectory()) {
        out.put(to, directoryEntry(to, child.mode(), request));
        copyChildren(request, sourceRoot, child.path(), destDir, out, firstPathOfFile);
      } else {
        out.put(to, entryFor(child, to, request, firstPathOfFile));
      }
    }
  }

  private LayerEntry entryFor(FileNode node, String to, CopyRequest request,
      Map<Object, String> firstPathOfFile) {
    long uid = request.uid() == null ? 0 : request.uid();
    long gid = request.gid() == null ? 0 : request.gid();
    if (node.kind() == FileNode.Kind.SYMLINK) {
      return LayerEntry.symlink(to, node.linkTarget(), uid, gid);
    }
    int mode = request.chmod() == null ? node.mode() : request.chmod().apply(node.mode(), false);
    if (node.fileKey() != null) {
      String first = firstPathOfFile.putIfAbsent(node.fileKey(), to);
      if (first != null) {
        return LayerEntry.hardlink(to, first, mode, uid, gid);
      }
    }
    if (node.content() != null) {
      return LayerEntry.bytes(to, node.content(), mode, uid, gid);
    }
    return LayerEntry.file(to, node.diskFile(), node.size(), mode, uid, gid);
  }

  private LayerEntry directoryEntry(String path, int mode, CopyRequest request) {
    long uid = request.uid() == null ? 0 : request.uid();
    long gid = request.gid() == null ? 0 : request.gid();
    int m = request.chmod() == null ? mode : request.chmod().apply(mode, true);
    return LayerEntry.directory(path, m, uid, gid);
  }

  /**
   * Parent directories go into the layer too: as they are in the stage, else created 0755 and owned
   * by the {@code --chown} user, as fsutil's MkdirAll (buildkit) and buildah's copier both do; the
   * {@code --chmod} mode is not applied to them. A parent that exists as a file is an error.
   */
  /** The entries that make {@code directory} and its parents exist, for ADD's archive unpacking. */
  List<LayerEntry> directoryWithParents(String directory, Long uid, Long gid) {
    Map<String, LayerEntry> out = new LinkedHashMap<>();
    addParents(out, directory, uid, gid);
    return new ArrayList<>(out.values());
  }

  private void addParents(Map<String, LayerEntry> out, String directory, CopyRequest request) {
    addParents(out, directory, request.uid(), request.gid());
  }

  private void addParents(Map<String, LayerEntry> out, String directory, Long uid, Long gid) {
    if (directory.isEmpty()) {
      return;
    }
    String[] parts = directory.split("/");
    String path = "";
    for (String part : parts) {
      path = path.isEmpty() ? part : path + "/" + part;
      LayerEntry existing = target.entries().get(path);
      if (existing == null) {
        out.put(path, LayerEntry.directory(path, 0755, uid == null ? 0 : uid, gid == null ? 0 : gid));
      } else if (existing.type() == LayerEntry.Type.DIRECTORY) {
        out.put(path, existing);
      } else if (existing.type() == LayerEntry.Type.SYMLINK) {
        continue; // followed when the layer is applied; what lies beyond it is not in this stage's view
      } else {
        throw new BuildException("cannot copy to non-directory: /" + path);
      }
    }
  }

  /** A literal source must exist; a symlink named directly is followed, but only inside the tree. */
  private static FileNode resolveLiteral(SourceTree tree, String source, String raw) throws IOException {
    String path = source;
    for (int hop = 0; hop <= MAX_SYMLINK_HOPS; hop++) {
      Optional<FileNode> node = tree.lookup(path);
      if (node.isEmpty()) {
        throw new BuildException("\"" + raw + "\": not found in " + tree.describe()
            + " (or excluded by an ignore file)");
      }
      if (node.get().kind() != FileNode.Kind.SYMLINK) {
        return node.get();
      }
      path = tree.linkDestination(node.get());
    }
    throw new BuildException("\"" + raw + "\": too many levels of symbolic links");
  }
}
