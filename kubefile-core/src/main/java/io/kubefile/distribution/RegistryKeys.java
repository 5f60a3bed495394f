package io.kubefile.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How auth files name registries. Docker writes Docker Hub as {@code https://index.docker.io/v1/}
 * and other registries as bare hosts or URLs ({@code https://quay.io}); containers' auth.json uses
 * {@code docker.io} and may key by repository namespace ({@code quay.io/org/repo}). All forms are
 * reduced to {@link ImageReference}-style {@code host[:port][/path]} for comparison.
 */
final class RegistryKeys {
  static final String DOCKER_HUB = "docker.io";
  /** The key {@code docker login} writes for Docker Hub, and the server URL its helpers expect. */
  static final String DOCKER_HUB_LEGACY_KEY = "https://index.docker.io/v1/";

  private RegistryKeys() {}

  /** Normalizes an auth-file key: scheme, trailing slash and {@code /v1/}, {@code /v2/} dropped. */
  static String normalize(String key) {
    String k = key.trim();
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
      // A URL's path is an API version, not a namespace: https://index.docker.io/v1/ is the host.
      int slash = k.indexOf('/');
      if (slash >= 0) {
        k = k.substring(0, slash);
      }
    }
    while (k.endsWith("/")) {
      k = k.substring(0, k.length() - 1);
    }
    int slash = k.indexOf('/');
    String host = (slash < 0 ? k : k.substring(0, slash)).toLowerCase(Locale.ROOT);
    String rest = slash < 0 ? "" : k.substring(slash);
    if (host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
      host = DOCKER_HUB;
    }
    return host + rest;
  }

  /**
   * The normalized keys that may hold credentials for {@code repository}, most specific first:
   * {@code quay.io/a/b}, {@code quay.io/a}, {@code quay.io}.
   */
  static List<String> candidates(Repository repository) {
    List<String> keys = new ArrayList<>();
    String registry = normalize(repository.registry());
    String path = repository.path();
    while (!path.isEmpty()) {
      keys.add(registry + "/" + path);
      int slash = path.lastIndexOf('/');
      path = slash < 0 ? "" : path.substring(0, slash);
    }
    keys.add(registry);
    return keys;
  }

  /** The server URL to hand to a docker credential helper for {@code registry}. */
  static String helperServerUrl(String registry) {
    return normalize(registry).equals(DOCKER_HUB) ? DOCKER_HUB_LEGACY_KEY : registry;
  }
}
