package io.kubefile.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a name the user typed is found in the store, until {@code io.kubefile.image.ImageReference}
 * takes over (the integrator swaps this one class): the name as typed, then with {@code docker.io/},
 * then with {@code docker.io/library/}, each also with {@code :latest} when it has no tag.
 */
public final class NameLookup {
  private NameLookup() {}

  /** The full names to try, in order. */
  public static List<String> candidates(String typed) {
    Set<String> names = new LinkedHashSet<>();
    for (String prefix : List.of("", "docker.io/", "docker.io/library/")) {
      String name = prefix + typed;
      names.add(name);
      if (!hasTagOrDigest(name)) {
        names.add(name + ":latest");
      }
    }
    return new ArrayList<>(names);
  }

  /** A name to record for what the user typed (e.g. {@code tag SRC NEW}); Docker's defaults. */
  public static String normalize(String typed) {
    String name = typed;
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    boolean hasDomain =
        slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    if (!hasDomain) {
      name = (slash < 0 ? "docker.io/library/" : "docker.io/") + name;
    }
    return hasTagOrDigest(name) ? name : name + ":latest";
  }

  /** The image by any candidate name, else by ID or ID prefix. */
  public static Optional<StoredImage> find(ImageStore store, String typed) throws IOException {
    for (String candidate : candidates(typed)) {
      Optional<StoredImage> image = store.findByName(candidate);
      if (image.isPresent()) {
        return image;
      }
    }
    return store.findById(typed);
  }

  /** The stored full name that {@code typed} refers to, if it refers to a name at all. */
  public static Optional<String> findName(ImageStore store, String typed) throws IOException {
    for (String candidate : candidates(typed)) {
      if (store.findByName(candidate).isPresent()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean hasTagOrDigest(String name) {
    int lastSlash = name.lastIndexOf('/');
    String last = name.substring(lastSlash + 1);
    return last.contains(":") || name.contains("@");
  }
}
