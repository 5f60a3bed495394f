package io.kubefile.builder;

import io.kubefile.image.Descriptor;
import io.kubefile.image.ImageIndex;
import io.kubefile.image.Json;
import io.kubefile.image.MediaTypes;
import io.kubefile.image.Platform;
import io.kubefile.store.BlobInfo;
import io.kubefile.store.ImageStore;
import io.kubefile.store.StoreLease;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One image index from one build per platform: the platforms' builds run in parallel (as many at
 * once as the machine has cores), each into the same store, so a blob they share (the layer of a
 * platform-independent {@code manifests/} directory) is stored once; a layer that differs between
 * platforms has what they share split into a layer of its own ({@link SharedLayerSplit}: the blobs
 * each platform's {@code registry/} shares with the others); then the index, listing the
 * manifests in the order the platforms were asked for, gets the build's names. With a fixed
 * timestamp every part is reproducible, and so is the index's digest.
 */
public final class MultiPlatformBuild {
  private MultiPlatformBuild() {}

  /**
   * Builds each of {@code parts} (one builder per platform, each configured for its platform and
   * context, all with the same tags) and names the index with the parts' tags.
   */
  public static MultiPlatformResult build(ImageStore store, List<KubefileBuilder> parts) throws IOException {
    return buildSaving(store, parts.stream().map(part -> ClusterImageBuild.of(part, null)).toList());
  }

  /**
   * Like {@link #build}, where each platform first saves the images of its own {@code registry/}:
   * one platform's save runs beside the other's save or build, instead of every save before any
   * build, since a save mostly waits on the network and a build mostly on the disk.
   */
  public static MultiPlatformResult buildSaving(ImageStore store, List<ClusterImageBuild> builds) throws IOException {
    List<KubefileBuilder> parts = builds.stream().map(ClusterImageBuild::builder).toList();
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no platforms to build");
    }
    Set<String> platforms = new HashSet<>();
    for (KubefileBuilder part : parts) {
      if (!platforms.add(part.platform().toString())) {
        throw new BuildException("platform " + part.platform() + " is given twice");
      }
    }
    try (StoreLease lease = store.lease()) {
      List<BuildResult> results = new SharedLayerSplit(store).split(buildAll(builds));
      List<Descriptor> manifests = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        Platform platform = parts.get(i).platform();
        manifests.add(results.get(i).manifest().withPlatform(platform));
      }
      BlobInfo blob = store.putBlob(Json.bytes(ImageIndex.oci(manifests)));
      Descriptor index = Descriptor.of(MediaTypes.OCI_INDEX, blob.digest(), blob.size());
      List<String> names = parts.get(0).tags();
      if (names.isEmpty()) {
        store.addUnnamed(index);
      } else {
        Map<String, Descriptor> tagged = new LinkedHashMap<>();
        names.forEach(n -> tagged.put(n, index));
        store.tagAll(tagged);
      }
      return new MultiPlatformResult(index, names, results);
    }
  }

  private static List<BuildResult> buildAll(List<ClusterImageBuild> builds) throws IOException {
    int threads = Math.min(builds.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "kubefile-platform-build");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<BuildResult>> futures = new ArrayList<>();
      for (ClusterImageBuild build : builds) {
        futures.add(pool.submit(build::buildPart));
      }
      List<BuildResult> results = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        results.add(await(futures.get(i), builds.get(i).builder().platform()));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static BuildResult await(Future<BuildResult> future, Platform platform) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while building for " + platform);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r && r.getMessage() != null) {
        throw new BuildException(platform + ": " + r.getMessage(), r);
      }
      if (cause instanceof IOException io) {
        throw new IOException(platform + ": " + io.getMessage(), io);
      }
      throw new BuildException(platform + ": " + cause, cause);
    }
  }
}
