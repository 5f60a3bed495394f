package io.kubefile.builder;

import io.kubefile.context.BuildContext;
import io.kubefile.context.GoFilepathMatch;
import io.kubefile.context.PatternMatcher;
import io.kubefile.distribution.RegistryClient;
import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageConfig;
import io.kubefile.lang.instructions.HeredocSource;
import io.kubefile.layer.LayerBlob;
import io.kubefile.layer.LayerBuilder;
import io.kubefile.layer.LayerCache;
import io.kubefile.layer.LayerEntry;
import io.kubefile.store.ImageStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Executes COPY and ADD: finds the source tree (context, earlier stage or image), plans the
 * entries, writes them as one layer straight into the store, and applies them to the stage's
 * snapshot so later instructions and stages see them.
 */
final class LayerCopyExecutor implements CopyExecutor {
  private final ContextTree context;
  private final ImageStore store;
  private final LayerBuilder layers;
  private final LayerCache cache;
  private final Path scratch;
  private final SourceStages stages;
  private final RegistryClient downloads;

  /** Finds an earlier stage or an image for {@code --from}. */
  interface SourceStages {
    SnapshotTree lookup(String from, StageState current) throws IOException;
  }

  LayerCopyExecutor(BuildContext context, ImageStore store, LayerBuilder layers, Path scratch,
      SourceStages stages, RegistryClient downloads) {
    this.context = new ContextTree(context.directory(), context::isIncluded);
    this.store = store;
    this.layers = layers;
    this.cache = new LayerCache(store.root().resolve("cache").resolve("layers"));
    this.scratch = scratch;
    this.stages = stages;
    this.downloads = downloads;
  }

  @Override
  public void execute(ExpandedCopy copy, StageState stage) throws IOException {
    Long uid = null;
    Long gid = null;
    if (copy.chown() != null) {
      long[] ids = ChownSpec.resolve(copy.chown(), stage.filesystem);
      uid = ids[0];
      gid = ids[1];
    }
    ChmodSpec chmod = copy.chmod() == null ? null : ChmodSpec.parse(copy.chmod());
    Predicate<String> excluded = copy.excludes().isEmpty() ? p -> false
        : PatternMatcher.compile(copy.excludes())::matchesOrParentMatches;
    String destination = absoluteDestination(copy.destination(), stage);

    Map<String, LayerEntry> entries = new LinkedHashMap<>();
    List<String> localSources = new ArrayList<>();
    for (String source : copy.sources()) {
      if (copy.isAdd() && UrlDownloader.isUrl(source)) {
        addUrl(copy, source, destination, uid, gid, chmod, stage, entries);
      } else if (copy.isAdd() && copy.from() == null && !Boolean.FALSE.equals(copy.unpack())
          && localArchive(source).isPresent()) {
        String dir = PathNames.cleanRelative(destination);
        for (LayerEntry parent : new CopyPlanner(stage.filesystem).directoryWithParents(dir, uid, gid)) {
          entries.putIfAbsent(parent.path(), parent);
        }
        long u = uid == null ? 0 : uid;
        long g = gid == null ? 0 : gid;
        for (LayerEntry e : TarUnpacker.unpack(localArchive(source).orElseThrow(),
            dir, newScratchDir(), u, g, uid == null)) {
          entries.put(e.path(), chmod == null ? e : e.withMode(chmod.apply(e.mode(),
              e.type() == LayerEntry.Type.DIRECTORY)));
        }
      } else {
        localSources.add(source);
      }
    }
    if (!localSources.isEmpty()) {
      SourceTree tree = copy.from() == null ? context : stages.lookup(copy.from(), stage);
      boolean manySources = copy.sources().size() + copy.heredocs().size() > 1;
      String dest = manySources && !destination.endsWith("/") ? destination + "/" : destination;
      CopyRequest request = new CopyRequest(tree, localSources, dest, uid, gid, chmod, excluded,
          GoFilepathMatch::matches);
      for (LayerEntry e : new CopyPlanner(stage.filesystem).plan(request)) {
        entries.put(e.path(), e);
      }
    }
    for (HeredocSource heredoc : copy.heredocs()) {
      String dir = PathNames.cleanRelative(destination);
      boolean intoDirectory = destination.endsWith("/") || copy.sources().size() + copy.heredocs().size() > 1;
      String path = intoDirectory ? PathNames.join(dir, heredoc.path()) : dir;
      int mode = chmod == null ? 0644 : chmod.apply(0644, false);
      entries.put(path, LayerEntry.bytes(path, heredoc.content().getBytes(StandardCharsets.UTF_8), mode,
          uid == null ? 0 : uid, gid == null ? 0 : gid));
    }
    commitLayer(stage, new ArrayList<>(entries.values()), copy);
  }

  @Override
  public boolean createWorkdir(String directory, StageState stage) throws IOException {
    String path = PathNames.cleanRelative(directory);
    if (path.isEmpty()) {
      return false;
    }
    long[] owner = stage.user == null || stage.user.isEmpty() ? new long[] {0, 0}
        : ChownSpec.resolve(stage.user, stage.filesystem);
    List<LayerEntry> created = new ArrayList<>();
    String prefix = "";
    for (String part : path.split("/")) {
      prefix = prefix.isEmpty() ? part : prefix + "/" + part;
      var existing = stage.filesystem.lookup(prefix);
      if (existing.isEmpty()) {
        created.add(LayerEntry.directory(prefix, 0755, owner[0], owner[1]));
      } else if (existing.get().kind() == FileNode.Kind.SYMLINK) {
        return writeLayer(stage, created); // buildkit follows it; what lies beyond is not ours to know
      } else if (!existing.get().isDirectory()) {
        throw new BuildException("cannot create directory /" + path + ": /" + prefix + " is not a directory");
      }
    }
    return writeLayer(stage, created);
  }

  private boolean writeLayer(StageState stage, List<LayerEntry> entries) throws IOException {
    if (entries.isEmpty()) {
      return false;
    }
    String key = cache.key(entries, layers.modificationTime());
    LayerBlob blob = cache.findOrMake(key, store::hasBlob, () -> {
      Path temp = store.newTempPath("layer");
      LayerBlob made = layers.build(entries, temp);
      store.importBlob(temp, made.digest());
      Files.deleteIfExists(temp);
      return made;
    });
    stage.layers.add(Descriptor.of(blob.mediaType(), blob.digest(), blob.size()));
    stage.diffIds.add(blob.diffId());
    stage.filesystem.apply(entries);
    return true;
  }

  private void addUrl(ExpandedCopy copy, String url, String destination, Long uid, Long gid,
      ChmodSpec chmod, StageState stage, Map<String, LayerEntry> entries) throws IOException {
    Path file = newScratchDir().resolve("download");
    UrlDownloader.download(downloads, url, copy.checksum(), file);
    String dir = PathNames.cleanRelative(destination);
    String path = destination.endsWith("/") ? PathNames.join(dir, UrlDownloader.fileName(url)) : dir;
    int mode = chmod == null ? 0600 : chmod.apply(0600, false);
    entries.put(path, LayerEntry.file(path, file, Files.size(file), mode,
        uid == null ? 0 : uid, gid == null ? 0 : gid));
  }

  /** The file on disk when an ADD source is an archive in the context (found inside it, never beyond). */
  private java.util.Optional<Path> localArchive(String source) throws IOException {
    String relative = PathNames.cleanRelative(source);
    if (PathNames.hasWildcard(relative)) {
      return java.util.Optional.empty();
    }
    var node = context.lookup(relative);
    return node.filter(n -> n.kind() == FileNode.Kind.FILE)
        .map(FileNode::diskFile)
        .filter(TarUnpacker::isArchive);
  }

  private Path newScratchDir() throws IOException {
    return Files.createTempDirectory(scratch, "add");
  }

  /** Relative destinations are under WORKDIR; a trailing slash is kept, it means "a directory". */
  static String absoluteDestination(String destination, StageState stage) {
    boolean directory = destination.endsWith("/") || destination.isEmpty() || destination.equals(".")
        || destination.endsWith("/.");
    String path = destination.startsWith("/") ? destination : stage.workdirOrRoot() + "/" + destination;
    String clean = PathNames.cleanAbsolute(path);
    return directory && !clean.equals("/") ? clean + "/" : clean;
  }

  private void commitLayer(StageState stage, List<LayerEntry> entries, ExpandedCopy copy)
      throws IOException {
    String createdBy = copy.keyword() + " " + (copy.flags().isEmpty() ? "" : String.join(" ", copy.flags()) + " ")
        + String.join(" ", copy.sources()) + (copy.heredocs().isEmpty() ? "" : " <<heredoc")
        + " " + copy.destination();
    boolean addedLayer = writeLayer(stage, entries);
    stage.history.add(new ImageConfig.History(null, createdBy, null, null, !addedLayer));
  }
}
