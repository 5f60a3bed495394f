package io.kubefile.store;

import io.kubefile.image.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a name the user typed is found in the store: exactly as typed (names loaded from archives
 * may be recorded verbatim), then normalized as Docker does ({@code nginx} →
 * {@code docker.io/library/nginx:latest}).
 */
public final class NameLookup {
  private NameLookup() {}

  /** The full names to try, in order. */
  public static List<String> candidates(String typed) {
    Set<String> names = new LinkedHashSet<>();
    names.add(typed);
    ImageReference.tryParse(typed).ifPresent(ref -> names.add(ref.toString()));
    return new ArrayList<>(names);
  }

  /** The name to record for what the user typed (e.g. {@code tag SRC NEW}); errors name it. */
  public static String normalize(String typed) {
    return ImageReference.parse(typed).toString();
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

}
