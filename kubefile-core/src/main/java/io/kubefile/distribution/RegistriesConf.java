package io.kubefile.distribution;

import io.kubefile.image.ImageReference;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Registry remapping and mirrors from {@code registries.conf} version 2, as containers-registries.conf(5)
 * defines them: the {@code [[registry]]} whose {@code prefix} matches an image most specifically
 * decides where it is pulled from: its {@code [[registry.mirror]]}s in order, then its {@code location}
 * (the prefix itself when not given). Version 1 tables and {@code [aliases]} are read but not used.
 */
public final class RegistriesConf {
  /** No configuration: every image is pulled from where its name says. */
  public static final RegistriesConf EMPTY = new RegistriesConf(Map.of());

  /** One place to try, in order; {@code insecure} allows plain HTTP and unverified TLS there. */
  public record PullLocation(ImageReference reference, boolean insecure, boolean mirror) {}

  record Mirror(String location, boolean insecure, String pullFromMirror) {}

  record Registry(String prefix, String location, boolean insecure, boolean blocked,
      boolean mirrorByDigestOnly, List<Mirror> mirrors) {}

  private final Map<String, Registry> registriesByPrefix;

  private RegistriesConf(Map<String, Registry> registriesByPrefix) {
    this.registriesByPrefix = Map.copyOf(registriesByPrefix);
  }

  /**
   * The configuration this process sees: {@code explicit} if given, else {@code
   * $CONTAINERS_REGISTRIES_CONF}, else {@code ~/.config/containers/registries.conf} if it exists,
   * else {@code /etc/containers/registries.conf}; then the drop-ins {@code registries.conf.d/*.conf}
   * of {@code /etc/containers} and {@code ~/.config/containers}, in name order, later entries for a
   * prefix replacing earlier ones.
   */
  public static RegistriesConf load(Path explicit, Map<String, String> env, Path home) throws IOException {
    Path userDir = home.resolve(".config/containers");
    Path systemDir = Path.of("/etc/containers");
    Path main = explicit;
    if (main == null && env.get("CONTAINERS_REGISTRIES_CONF") != null
        && !env.get("CONTAINERS_REGISTRIES_CONF").isBlank()) {
      main = Path.of(env.get("CONTAINERS_REGISTRIES_CONF"));
    }
    if (main == null) {
      main = Files.isRegularFile(userDir.resolve("registries.conf"))
          ? userDir.resolve("registries.conf")
          : systemDir.resolve("registries.conf");
    }
    List<Path> files = new ArrayList<>();
    files.add(main);
    if (explicit == null) { // an explicit file (a test, a --registries-conf) stands alone
      files.addAll(dropIns(systemDir.resolve("registries.conf.d")));
      files.addAll(dropIns(userDir.resolve("registries.conf.d")));
    }
    Map<String, Registry> registries = new LinkedHashMap<>();
    for (Path file : files) {
      if (Files.isRegularFile(file)) {
        registries.putAll(parseRegistries(file.toString(), Files.readString(file)));
      }
    }
    return new RegistriesConf(registries);
  }

  /** Parses one file's text; {@code source} names it in errors. */
  public static RegistriesConf parse(String source, String text) {
    return new RegistriesConf(parseRegistries(source, text));
  }

  private static List<Path> dropIns(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.conf")) {
        entries.forEach(files::add);
      }
    }
    files.sort(null);
    return files;
  }

  private static Map<String, Registry> parseRegistries(String source, String text) {
    Map<String, Object> document;
    try {
      document = TomlSubset.parse(source, text);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryException.Reason.CONFIGURATION,
          "cannot read registries configuration " + e.getMessage(), e);
    }
    Map<String, Registry> registries = new LinkedHashMap<>();
    Object tables = document.get("registry");
    if (!(tables instanceof List<?> list)) {
      return registries;
    }
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> table)) {
        continue;
      }
      String location = string(table, "location");
      String prefix = string(table, "prefix");
      if (prefix.isEmpty()) {
        prefix = location;
      }
      if (prefix.isEmpty()) {
        throw new RegistryException(RegistryException.Reason.CONFIGURATION,
            "cannot read registries configuration " + source + ": a [[registry]] has neither prefix nor location");
      }
      List<Mirror> mirrors = new ArrayList<>();
      if (table.get("mirror") instanceof List<?> mirrorTables) {
        for (Object m : mirrorTables) {
          if (m instanceof Map<?, ?> mirror && !string(mirror, "location").isEmpty()) {
            mirrors.add(new Mirror(string(mirror, "location"), bool(mirror, "insecure"),
                string(mirror, "pull-from-mirror")));
          }
        }
      }
      registries.put(prefix, new Registry(prefix, location.isEmpty() ? prefix : location,
          bool(table, "insecure"), bool(table, "blocked"), bool(table, "mirror-by-digest-only"),
          List.copyOf(mirrors)));
    }
    return registries;
  }

  private static String string(Map<?, ?> table, String key) {
    Object value = table.get(key);
    return value instanceof String s ? s.trim() : "";
  }

  private static boolean bool(Map<?, ?> table, String key) {
    return Boolean.TRUE.equals(table.get(key));
  }

  /**
   * Where to pull {@code reference} from, in order: matching mirrors, then the (possibly remapped)
   * location. A reference no entry matches has itself as the one location.
   *
   * @throws RegistryException when the matching entry is {@code blocked}
   */
  public List<PullLocation> pullLocations(ImageReference reference) throws RegistryException {
    String full = reference.toString();
    Registry best = null;
    String bestMatched = null;
    for (Registry registry : registriesByPrefix.values()) {
      String matched = matchedPrefix(registry.prefix(), reference, full);
      if (matched != null && (best == null || matched.length() > bestMatched.length()
          || matched.length() == bestMatched.length() && !registry.prefix().startsWith("*."))) {
        best = registry;
        bestMatched = matched;
      }
    }
    if (best == null) {
      return List.of(new PullLocation(reference, false, false));
    }
    if (best.blocked()) {
      throw new RegistryException(RegistryException.Reason.DENIED,
          "pulling " + reference + " is blocked by the registries configuration (prefix \"" + best.prefix() + "\")");
    }
    boolean byDigest = reference.digest().isPresent();
    List<PullLocation> locations = new ArrayList<>();
    for (Mirror mirror : best.mirrors()) {
      boolean digestOnly = best.mirrorByDigestOnly() || mirror.pullFromMirror().equals("digest-only");
      if (digestOnly && !byDigest || mirror.pullFromMirror().equals("tag-only") && byDigest) {
        continue;
      }
      rewrite(full, bestMatched, mirror.location())
          .ifPresent(r -> locations.add(new PullLocation(r, mirror.insecure(), true)));
    }
    Registry matched = best;
    String location = matched.prefix().startsWith("*.") ? bestMatched : matched.location();
    rewrite(full, bestMatched, location).ifPresent(r -> locations.add(new PullLocation(r, matched.insecure(), false)));
    return List.copyOf(locations);
  }

  /**
   * The part of {@code full} that {@code prefix} matches, or null. A plain prefix must end at a
   * boundary ({@code /}, {@code :}, {@code @} or the end); {@code *.example.com} matches the hosts
   * below example.com, and then the host is the matched part.
   */
  private static String matchedPrefix(String prefix, ImageReference reference, String full) {
    if (prefix.startsWith("*.")) {
      String host = reference.registry();
      int colon = host.indexOf(':');
      String hostname = colon < 0 ? host : host.substring(0, colon);
      return hostname.endsWith(prefix.substring(1)) ? host : null;
    }
    if (!full.startsWith(prefix)) {
      return null;
    }
    if (full.length() == prefix.length() || "/:@".indexOf(full.charAt(prefix.length())) >= 0) {
      return prefix;
    }
    return null;
  }

  private static java.util.Optional<ImageReference> rewrite(String full, String matched, String location) {
    return ImageReference.tryParse(location + full.substring(matched.length()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistriesConf c && c.registriesByPrefix.equals(registriesByPrefix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registriesByPrefix);
  }
}
