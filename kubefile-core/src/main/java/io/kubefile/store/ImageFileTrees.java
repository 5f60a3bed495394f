package io.kubefile.store;

import io.kubefile.image.Digest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The store's cache of images' merged files ({@code cache/image-files/<image id>}, with the
 * manifest of their hashes beside it as {@code <image id>.files}), as {@code run} sends them to
 * hosts. An image's files depend only on its ID, so one extraction serves every cluster it is
 * installed on: measured in {@code bench/run-fanout}, extracting and hashing a 512 MB image took
 * a second of a six-second install, and each cluster kept its own 512 MB copy.
 *
 * <p>A tree is written once, next to its final place, and renamed into it, and is never changed
 * afterwards (files rendered for one cluster are written in that cluster's directory). They are
 * the store's to delete: {@link ImageStore#prune()} removes the trees of images the store no longer
 * holds; a run holds a store lease while it reads one, so prune waits for it.
 */
final class ImageFileTrees {
  private final Path root;

  ImageFileTrees(Path storeRoot) {
    this.root = storeRoot.resolve("cache").resolve("image-files");
  }

  Path treeOf(Digest imageId) {
    return root.resolve(imageId.hex());
  }

  /** Deletes the trees (and their manifests) of images whose IDs are not in {@code kept}; returns how many. */
  int deleteUnused(Set<String> kept) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String id = name.endsWith(".files") ? name.substring(0, name.length() - ".files".length())
            : name.startsWith(".") ? null : name;
        if (id != null && kept.contains(id)) {
          continue;
        }
        if (Files.isDirectory(entry) && !name.startsWith(".")) {
          deleted++;
        }
        deleteTree(entry);
      }
    }
    return deleted;
  }

  private static void deleteTree(Path path) throws IOException {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
