package io.kubefile.image;

import io.kubefile.KubefileException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference, normalized the way Docker does it ({@code reference.ParseNormalizedNamed}
 * followed by {@code TagNameOnly}): {@code nginx} is {@code docker.io/library/nginx:latest}.
 *
 * <p>The grammar is distribution/reference's:
 *
 * <pre>
 * reference        := name [ ":" tag ] [ "@" digest ]
 * name             := [domain '/'] path-component ['/' path-component]*
 * domain           := host [':' port-number]          host = domain-name | IPv4 | '[' IPv6 ']'
 * path-component   := [a-z0-9]+ ( ( [._] | __ | -+ ) [a-z0-9]+ )*
 * tag              := [\w][\w.-]{0,127}
 * digest           := algorithm ':' hex                (sha256/sha384/sha512, lowercase hex of the right length)
 * </pre>
 *
 * <p>The first path component is a registry only if it contains {@code .} or {@code :} or is {@code
 * localhost}; {@code index.docker.io} is spelled {@code docker.io}; single-component Docker Hub names get
 * {@code library/}. A reference with a tag <em>and</em> a digest keeps both (upstream Sealos drops the
 * digest, SEALOS_COMPAT §9.3; we don't, because the digest is what the author pinned).
 *
 * <p>Instances are immutable; equality is equality of {@link #toString()}, so {@code nginx} equals
 * {@code docker.io/library/nginx:latest}.
 */
public final class ImageReference implements Comparable<ImageReference> {

  /** Thrown by {@link #parse(String)}; the message always quotes the rejected input. */
  public static final class InvalidReferenceException extends KubefileException {
    private final String input;

    public InvalidReferenceException(String input, String problem) {
      super("invalid image reference \"" + input + "\": " + problem);
      this.input = input;
    }

    /** The text that was rejected, as given. */
    public String input() {
      return input;
    }
  }

  public static final String DOCKER_HUB_REGISTRY = "docker.io";
  public static final String DEFAULT_TAG = "latest";
  private static final String LEGACY_DOCKER_HUB_REGISTRY = "index.docker.io";
  private static final String OFFICIAL_REPOSITORY_PREFIX = "library/";
  /** distribution/reference NameTotalLengthMax: applies to registry + "/" + repository. */
  private static final int MAX_NAME_LENGTH = 255;

  private static final String ALPHA_NUMERIC = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|-+)";
  private static final String PATH_COMPONENT = ALPHA_NUMERIC + "(?:" + SEPARATOR + ALPHA_NUMERIC + ")*";
  private static final String PATH = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN_NAME = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*";
  private static final String IPV6 = "\\[[a-fA-F0-9:]+\\]";
  private static final Pattern DOMAIN =
      Pattern.compile("(?:" + DOMAIN_NAME + "|" + IPV6 + ")(?::[0-9]+)?");
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REMAINDER =
      Pattern.compile("(" + PATH + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
  private static final Pattern HEX_IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

  private final String registry;
  private final String repository;
  private final String tag; // null only for digest-only references
  private final boolean tagImplied;
  private final String digest; // null when absent

  private ImageReference(
      String registry, String repository, String tag, boolean tagImplied, String digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.tagImplied = tagImplied;
    this.digest = digest;
  }

  /**
   * Parses and normalizes {@code text}.
   *
   * @throws InvalidReferenceException naming {@code text} when it is not a valid reference
   */
  public static ImageReference parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidReferenceException(String.valueOf(text), "empty reference");
    }
    if (HEX_IDENTIFIER.matcher(text).matches()) {
      throw new InvalidReferenceException(text, "a 64-character hexadecimal string is an image ID, not a name");
    }
    String registry;
    String remainder;
    int slash = text.indexOf('/');
    String first = slash < 0 ? null : text.substring(0, slash);
    if (first != null && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
      registry = first;
      remainder = text.substring(slash + 1);
      if (!DOMAIN.matcher(registry).matches()) {
        throw new InvalidReferenceException(text, "invalid registry host \"" + registry + "\"");
      }
    } else {
      registry = DOCKER_HUB_REGISTRY;
      remainder = text;
    }
    if (registry.equals(LEGACY_DOCKER_HUB_REGISTRY)) {
      registry = DOCKER_HUB_REGISTRY;
    }
    if (registry.equals(DOCKER_HUB_REGISTRY) && remainder.indexOf('/') < 0) {
      remainder = OFFICIAL_REPOSITORY_PREFIX + remainder;
    }
    int colon = remainder.indexOf(':');
    String repositoryPart = colon < 0 ? remainder : remainder.substring(0, colon);
    Matcher m = REMAINDER.matcher(remainder);
    if (!m.matches()) {
      // Docker reports any uppercase first; we say so only when lowercasing would actually fix the name.
      String lowercased = repositoryPart.toLowerCase(Locale.ROOT) + remainder.substring(repositoryPart.length());
      if (!lowercased.equals(remainder) && REMAINDER.matcher(lowercased).matches()) {
        throw new InvalidReferenceException(text, "repository name must be lowercase");
      }
      throw new InvalidReferenceException(text, "invalid reference format");
    }
    String repository = m.group(1);
    String tag = m.group(2);
    String digest = m.group(3);
    if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      throw new InvalidReferenceException(
          text, "repository name must not be more than " + MAX_NAME_LENGTH + " characters");
    }
    if (digest != null) {
      validateDigest(text, digest);
    }
    boolean tagImplied = tag == null && digest == null;
    return new ImageReference(registry, repository, tagImplied ? DEFAULT_TAG : tag, tagImplied, digest);
  }

  /** Like {@link #parse} but returns empty instead of throwing, for heuristics that skip bad text. */
  public static Optional<ImageReference> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
  }

  // go-digest only accepts the registered algorithms, each with lowercase hex of a fixed length.
  private static void validateDigest(String input, String digest) {
    int colon = digest.indexOf(':');
    String algorithm = digest.substring(0, colon);
    String hex = digest.substring(colon + 1);
    int expectedLength =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha384" -> 96;
          case "sha512" -> 128;
          default -> throw new InvalidReferenceException(
              input, "unsupported digest algorithm \"" + algorithm + "\"");
        };
    if (hex.length() != expectedLength || !hex.matches("[a-f0-9]+")) {
      throw new InvalidReferenceException(
          input, "invalid " + algorithm + " digest: expected " + expectedLength + " lowercase hex characters");
    }
  }

  /** The registry host (with port, if any): {@code docker.io}, {@code quay.io}, {@code localhost:5000}. */
  public String registry() {
    return registry;
  }

  /** The repository path without the registry: {@code library/nginx}, {@code cilium/cilium}. */
  public String repository() {
    return repository;
  }

  /**
   * The repository name used inside a cluster image's {@code registry/} directory. Upstream strips the
   * registry host (SEALOS_COMPAT §3.2): {@code quay.io/cilium/cilium} → {@code cilium/cilium} and
   * {@code docker.io/library/nginx} → {@code library/nginx} ({@code library/} is kept). Unlike upstream,
   * {@code localhost/foo} gives {@code foo} instead of an empty name. Same value as {@link #repository()};
   * the separate name documents why callers use it.
   */
  public String repositoryWithoutRegistry() {
    return repository;
  }

  /** {@code registry/repository}, without tag or digest. */
  public String name() {
    return registry + "/" + repository;
  }

  /** The tag; {@code latest} when neither tag nor digest was written; empty for digest-only references. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** True when the tag was not written and {@code latest} was filled in. */
  public boolean isTagImplied() {
    return tagImplied;
  }

  /** The digest ({@code sha256:…}) if one was written. */
  public Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /** The same repository pinned to {@code digest} alone, no tag: how a child manifest is fetched. */
  public ImageReference withDigestOnly(Digest manifestDigest) {
    return new ImageReference(registry, repository, null, false, manifestDigest.toString());
  }

  /** The same reference without its digest; a digest-only reference gets {@code :latest}. */
  public ImageReference withoutDigest() {
    if (digest == null) {
      return this;
    }
    boolean implied = tag == null;
    return new ImageReference(registry, repository, implied ? DEFAULT_TAG : tag, implied, null);
  }

  /**
   * The short form Docker shows: {@code docker.io/} and a lone {@code library/} removed, e.g. {@code
   * nginx:latest}, {@code bitnami/redis:7}, {@code quay.io/cilium/cilium:v1.12.0}.
   */
  public String familiar() {
    String name;
    if (registry.equals(DOCKER_HUB_REGISTRY)) {
      name = repository;
      if (name.startsWith(OFFICIAL_REPOSITORY_PREFIX)
          && name.indexOf('/', OFFICIAL_REPOSITORY_PREFIX.length()) < 0) {
        name = name.substring(OFFICIAL_REPOSITORY_PREFIX.length());
      }
    } else {
      name = name();
    }
    return name + suffix();
  }

  private String suffix() {
    return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /**
   * The normalized reference as sealos lists it: without the {@code :latest} that was only implied,
   * {@code docker.io/library/busybox} for {@code busybox} (SEALOS_COMPAT §2.1, "no default tag"). Equality
   * and storage still use {@link #toString()}, so {@code busybox} and {@code busybox:latest} stay one image.
   */
  public String toStringWithoutImpliedTag() {
    return tagImplied ? name() + (digest == null ? "" : "@" + digest) : toString();
  }

  /** The fully normalized reference: {@code docker.io/library/nginx:latest}, {@code q.io/a/b:t@sha256:…}. */
  @Override
  public String toString() {
    return name() + suffix();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageReference other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return Objects.hash(toString());
  }

  /** Orders by the normalized string (byte order for ASCII), like upstream's sorted image lists. */
  @Override
  public int compareTo(ImageReference other) {
    return toString().compareTo(other.toString());
  }
}
