package io.kubefile.distribution;

import io.kubefile.files.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubefile.image.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds registry credentials in containers-auth.json(5)'s order, as containers/image (podman, buildah,
 * skopeo, sealos) reads them; first match wins:
 *
 * <ol>
 *   <li>explicit credentials ({@code --creds user:pass});
 *   <li>the primary (read/write) file: {@code --authfile}, else {@code $REGISTRY_AUTH_FILE}, else
 *       {@code $XDG_RUNTIME_DIR/containers/auth.json}, else {@code /run/containers/$UID/auth.json}
 *       (where {@code buildah login} and {@code sealos login} write as root, where XDG_RUNTIME_DIR is
 *       usually unset);
 *   <li>{@code $XDG_CONFIG_HOME/containers/auth.json} (default {@code $HOME/.config/containers/auth.json});
 *   <li>docker's {@code config.json} in {@code $DOCKER_CONFIG}, else {@code $HOME/.docker};
 *   <li>{@code $HOME/.dockercfg} (docker's legacy format: the {@code auths} object alone).
 * </ol>
 *
 * <p>{@code $HOME} is the environment's, as Go's os.UserHomeDir reads it, not Java's {@code user.home}
 * (which comes from the password database and differs under {@code sudo -E} and in containers).
 *
 * <p>In each file, a {@code credHelpers} entry for the registry wins, then {@code credsStore}, then
 * {@code auths} (by the most specific matching key: {@code quay.io/org/repo} before {@code
 * quay.io}). Entries hold {@code auth} (base64 {@code user:pass}) or {@code identitytoken}.
 * Instances are immutable and thread-safe; files are read on each lookup so a concurrent {@code
 * login} is seen.
 */
public final class CredentialStore implements CredentialsProvider {
  private static final String LEGACY_DOCKER_FILE = ".dockercfg";
  /** containers/image's defaultPerUIDPathFormat. */
  private static final String PER_UID_AUTH_FILE = "run/containers/%d/auth.json";

  private final Credentials explicit;
  private final List<Path> authFiles;
  private final CredentialHelper helper;

  private CredentialStore(Credentials explicit, List<Path> authFiles, CredentialHelper helper) {
    this.explicit = explicit;
    this.authFiles = List.copyOf(authFiles);
    this.helper = helper;
  }

  /** The store for this process: its environment and home directory. */
  public static CredentialStore fromEnvironment(Credentials explicit, Path authFile) {
    return builder()
        .explicitCredentials(explicit)
        .authFile(authFile)
        .environment(System.getenv(), home(System.getenv()))
        .build();
  }

  /** {@code $HOME}, as Go programs read it; Java's {@code user.home} only when it is unset. */
  public static Path home(Map<String, String> environment) {
    return io.kubefile.files.UserHome.of(environment);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The auth files consulted, in order (whether or not they exist). */
  public List<Path> authFiles() {
    return authFiles;
  }

  @Override
  public Optional<Credentials> credentialsFor(Repository repository) throws IOException {
    if (explicit != null) {
      return Optional.of(explicit);
    }
    for (Path file : authFiles) {
      try {
        Optional<Credentials> found = lookup(file, repository);
        if (found.isPresent()) {
          return found;
        }
      } catch (IOException e) {
        throw new IOException("cannot read credentials from " + file + ": " + e.getMessage(), e);
      }
    }
    return Optional.empty();
  }

  private Optional<Credentials> lookup(Path file, Repository repository) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode root = readJson(file);
    if (file.getFileName().toString().equals(LEGACY_DOCKER_FILE)) {
      ObjectNode wrapped = Json.mapper().createObjectNode();
      wrapped.set("auths", root);
      root = wrapped;
    }
    String registry = RegistryKeys.normalize(repository.registry());
    String helperName = findByKey(root.path("credHelpers"), List.of(registry)).map(JsonNode::asText).orElse(null);
    if (helperName == null && root.path("credsStore").isTextual()) {
      helperName = root.path("credsStore").asText();
    }
    if (helperName != null && !helperName.isEmpty()) {
      Optional<Credentials> fromHelper =
          helper.get(helperName, RegistryKeys.helperServerUrl(repository.registry()));
      if (fromHelper.isPresent()) {
        return fromHelper;
      }
    }
    Optional<JsonNode> entry = findByKey(root.path("auths"), RegistryKeys.candidates(repository));
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    return decodeEntry(entry.get(), file);
  }

  /** The entry whose normalized key equals the first candidate that has one. */
  private static Optional<JsonNode> findByKey(JsonNode object, List<String> candidates) {
    if (!object.isObject()) {
      return Optional.empty();
    }
    for (String candidate : candidates) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (RegistryKeys.normalize(field.getKey()).equals(candidate)) {
          return Optional.of(field.getValue());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Credentials> decodeEntry(JsonNode entry, Path file) throws IOException {
    String identityToken = entry.path("identitytoken").asText("");
    String auth = entry.path("auth").asText("");
    String username = "";
    String password = "";
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IOException("an \"auth\" entry in " + file + " is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new IOException("an \"auth\" entry in " + file + " is not base64 of user:password");
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    if (!identityToken.isEmpty()) {
      return Optional.of(Credentials.identityToken(username, identityToken));
    }
    if (username.isEmpty() && password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Credentials.of(username, password));
  }

  /**
   * Stores {@code username:password} for {@code registry} in {@code authFile} (what {@code login}
   * does), keeping everything else in the file. An existing equivalent key is replaced in place;
   * otherwise Docker Hub is written as docker does in a {@code config.json} and as {@code docker.io}
   * elsewhere. The file is replaced atomically and readable by its owner only.
   */
  public static void saveCredentials(Path authFile, String registry, String username, String password)
      throws IOException {
    ObjectNode root = Files.isRegularFile(authFile) ? (ObjectNode) readJson(authFile) : Json.mapper().createObjectNode();
    ObjectNode auths =
        root.path("auths").isObject() ? (ObjectNode) root.get("auths") : root.putObject("auths");
    String normalized = RegistryKeys.normalize(registry);
    String key = null;
    for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
      String existing = it.next();
      if (RegistryKeys.normalize(existing).equals(normalized)) {
        key = existing;
        break;
      }
    }
    if (key == null) {
      boolean dockerConfig = authFile.getFileName().toString().equals("config.json");
      key = dockerConfig && normalized.equals(RegistryKeys.DOCKER_HUB) ? RegistryKeys.DOCKER_HUB_LEGACY_KEY : normalized;
    }
    ObjectNode entry = Json.mapper().createObjectNode();
    entry.put(
        "auth",
        Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    auths.set(key, entry);
    writeJson(authFile, root);
  }

  /**
   * Where {@code login} writes without {@code --authfile}, as podman and buildah: {@code
   * $REGISTRY_AUTH_FILE}, else {@code $XDG_RUNTIME_DIR/containers/auth.json}, else {@code
   * /run/containers/$UID/auth.json}; the first file credentials are looked up in.
   */
  public static Path defaultLoginAuthFile(Map<String, String> environment) {
    return primaryAuthFile(environment, Path.of("/"), currentUserId());
  }

  private static Path primaryAuthFile(Map<String, String> environment, Path root, long uid) {
    String explicit = environment.get("REGISTRY_AUTH_FILE");
    if (explicit != null && !explicit.isEmpty()) {
      return Path.of(explicit);
    }
    String runtimeDir = environment.get("XDG_RUNTIME_DIR");
    if (runtimeDir != null && !runtimeDir.isEmpty()) {
      return Path.of(runtimeDir, "containers", "auth.json");
    }
    return root.resolve(String.format(java.util.Locale.ROOT, PER_UID_AUTH_FILE, uid));
  }

  private static long currentUserId() {
    return new com.sun.security.auth.module.UnixSystem().getUid();
  }

  /**
   * An auth-file key as {@code login} and {@code logout} take it: {@code https://quay.io/},
   * {@code index.docker.io} and {@code docker.io} name the same registry; a path narrows it to a
   * namespace ({@code quay.io/org}).
   */
  public static String normalizeKey(String registryOrNamespace) {
    return RegistryKeys.normalize(registryOrNamespace);
  }

  /** Removes every {@code auths} entry (what {@code logout --all} does); false if there was none. */
  public static boolean removeAllCredentials(Path authFile) throws IOException {
    if (!Files.isRegularFile(authFile)) {
      return false;
    }
    JsonNode root = readJson(authFile);
    if (!root.path("auths").isObject() || root.path("auths").isEmpty()) {
      return false;
    }
    ((ObjectNode) root).putObject("auths");
    writeJson(authFile, root);
    return true;
  }

  /** Removes every entry for {@code registry} (what {@code logout} does); false if there was none. */
  public static boolean removeCredentials(Path authFile, String registry) throws IOException {
    if (!Files.isRegularFile(authFile)) {
      return false;
    }
    JsonNode root = readJson(authFile);
    if (!root.path("auths").isObject()) {
      return false;
    }
    ObjectNode auths = (ObjectNode) root.get("auths");
    String normalized = RegistryKeys.normalize(registry);
    List<String> doomed = new ArrayList<>();
    auths.fieldNames().forEachRemaining(k -> {
      if (RegistryKeys.normalize(k).equals(normalized)) {
        doomed.add(k);
      }
    });
    if (doomed.isEmpty()) {
      return false;
    }
    auths.remove(doomed);
    writeJson(authFile, root);
    return true;
  }

  private static JsonNode readJson(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length == 0) {
      return Json.mapper().createObjectNode();
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(bytes);
    } catch (IOException e) {
      // Jackson's message may quote file content, which may be a secret: say only where.
      throw new IOException(file + " is not valid JSON");
    }
    if (!node.isObject()) {
      throw new IOException(file + " does not hold a JSON object");
    }
    return node;
  }

  private static void writeJson(Path file, JsonNode root) throws IOException {
    AtomicFiles.writePrivate(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  @Override
  public String toString() {
    return "CredentialStore[explicit=" + (explicit != null) + ", authFiles=" + authFiles + "]";
  }

  /** Builds a store; all sources are optional. */
  public static final class Builder {
    private Credentials explicit;
    private Path authFile;
    private Map<String, String> environment = Map.of();
    private Path home;
    private List<Path> helperSearchPath;
    private Path root = Path.of("/");
    private Long userId;

    private Builder() {}

    public Builder explicitCredentials(Credentials credentials) {
      this.explicit = credentials;
      return this;
    }

    /** The {@code --authfile} path; null for none. */
    public Builder authFile(Path authFile) {
      this.authFile = authFile;
      return this;
    }

    /**
     * Where to find the other auth files: {@code REGISTRY_AUTH_FILE}, {@code XDG_RUNTIME_DIR},
     * {@code DOCKER_CONFIG}, {@code PATH} (for credential helpers) and the home directory.
     */
    public Builder environment(Map<String, String> environment, Path home) {
      this.environment = Map.copyOf(environment);
      this.home = home;
      return this;
    }

    /**
     * Where {@code /run/containers/$UID/auth.json} is looked for (default {@code /}), as containers/image's
     * RootForImplicitAbsolutePaths; and the user ID in that name (default: this process's).
     */
    public Builder rootForImplicitAbsolutePaths(Path root, long uid) {
      this.root = root;
      this.userId = uid;
      return this;
    }

    /** Directories to search for {@code docker-credential-*}; default: {@code PATH}. */
    public Builder helperSearchPath(List<Path> directories) {
      this.helperSearchPath = List.copyOf(directories);
      return this;
    }

    public CredentialStore build() {
      List<Path> files = new ArrayList<>();
      files.add(authFile != null
          ? authFile
          : primaryAuthFile(environment, root, userId != null ? userId : currentUserId()));
      String configHome = environment.get("XDG_CONFIG_HOME");
      if (configHome != null && !configHome.isEmpty()) {
        files.add(Path.of(configHome, "containers", "auth.json"));
      } else if (home != null) {
        files.add(home.resolve(".config/containers/auth.json"));
      }
      String dockerConfig = environment.get("DOCKER_CONFIG");
      if (dockerConfig != null && !dockerConfig.isEmpty()) {
        files.add(Path.of(dockerConfig, "config.json"));
      } else if (home != null) {
        files.add(home.resolve(".docker/config.json"));
      }
      if (home != null) {
        files.add(home.resolve(LEGACY_DOCKER_FILE));
      }
      List<Path> searchPath = helperSearchPath;
      if (searchPath == null) {
        searchPath = new ArrayList<>();
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
          if (!dir.isEmpty()) {
            searchPath.add(Path.of(dir));
          }
        }
      }
      return new CredentialStore(explicit, files.stream().distinct().toList(), new CredentialHelper(searchPath));
    }
  }
}
