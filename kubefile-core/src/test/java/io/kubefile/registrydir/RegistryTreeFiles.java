package io.kubefile.registrydir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Views of a written tree for assertions: relative file paths, link contents, file times. */
final class RegistryTreeFiles {
  private RegistryTreeFiles() {}

  static TreeSet<String> files(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path root, String relative) {
    try {
      return Files.readString(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each file's modification time and inode: both stay the same when content is reused. */
  static Map<String, String> identities(Path root) {
    Map<String, String> identities = new TreeMap<>();
    for (String file : files(root)) {
      try {
        Path path = root.resolve(file);
        FileTime modified = Files.getLastModifiedTime(path);
        identities.put(file, modified + " inode " + Files.getAttribute(path, "unix:ino"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return identities;
  }

  static void setAllModifiedTimes(Path root, FileTime time) {
    for (String file : files(root)) {
      try {
        Files.setLastModifiedTime(root.resolve(file), time);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
