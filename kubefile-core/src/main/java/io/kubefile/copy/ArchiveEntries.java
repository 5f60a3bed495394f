package io.kubefile.copy;

import io.kubefile.image.ImageReference;
import io.kubefile.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one rule for naming and picking an image in an archive, for oci-archive and docker-archive
 * alike, readers and writers. Writing, an image goes in under its full normalized names ({@code
 * docker.io/library/nginx:1.25}, as podman and skopeo record them). Reading, {@code ARCHIVE:PATH:NAME}
 * picks the image recorded under NAME (as typed, or normalized); {@code ARCHIVE:PATH} without a name
 * picks the only image. A name the archive does not hold is an error listing what it holds, never
 * another image: silently inspecting or loading the wrong image is worse than failing.
 */
public final class ArchiveEntries {
  private ArchiveEntries() {}

  /** The name an image is recorded under in an archive: the full normalized name. */
  public static String entryName(String name) {
    return ImageReference.tryParse(name).map(Object::toString)
        .orElseThrow(() -> new StoreException("invalid image name \"" + name + "\" for an archive entry"));
  }

  /**
   * The entry named {@code wantedName}, or the only entry when it is null.
   *
   * @param namesOf every name an entry answers to, as recorded
   * @param archive the archive as a reference without name ({@code oci-archive:PATH}), for messages
   */
  static <E> E select(List<E> entries, Function<E, List<String>> namesOf, String wantedName, String archive) {
    return select(entries, namesOf, wantedName, archive, false);
  }

  /**
   * As {@link #select(List, Function, String, String)}; with {@code onlyImageAnyName} an archive of
   * one image gives that image whatever NAME says: sealos's {@code images/skopeo/tar.txt} line {@code
   * docker-archive:FILE@NAME} names the image to save the archive's image as, it does not pick one.
   */
  static <E> E select(List<E> entries, Function<E, List<String>> namesOf, String wantedName, String archive,
      boolean onlyImageAnyName) {
    if (wantedName == null || onlyImageAnyName && entries.size() == 1) {
      if (entries.size() == 1) {
        return entries.get(0);
      }
      throw new StoreException(archive + " holds " + entries.size() + " images"
          + (entries.isEmpty() ? "" : " (" + held(entries, namesOf) + ")") + ": name one as " + archive + ":NAME");
    }
    String normalized = normalize(wantedName);
    for (E entry : entries) {
      for (String name : namesOf.apply(entry)) {
        if (name.equals(wantedName) || normalize(name).equals(normalized)) {
          return entry;
        }
      }
    }
    throw new StoreException(archive + " holds no image named " + wantedName + "; it holds "
        + (entries.isEmpty() ? "none" : held(entries, namesOf)));
  }

  private static String normalize(String name) {
    return ImageReference.tryParse(name).map(Object::toString).orElse(name);
  }

  /** "a, b, 1 unnamed": what the entries are called, for messages. */
  private static <E> String held(List<E> entries, Function<E, List<String>> namesOf) {
    List<String> parts = new ArrayList<>(entries.stream().flatMap(e -> namesOf.apply(e).stream()).distinct().toList());
    long unnamed = entries.stream().filter(e -> namesOf.apply(e).isEmpty()).count();
    if (unnamed > 0) {
      parts.add(unnamed + " unnamed");
    }
    return String.join(", ", parts);
  }
}
