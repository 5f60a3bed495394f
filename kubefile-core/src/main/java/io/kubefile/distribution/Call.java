package io.kubefile.distribution;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One registry API request, described so that it can be sent again: after a 401 with fresh
 * credentials, after a redirect, or when retrying. Also carries what error messages need.
 */
final class Call {
  /** What the user was doing, for "pull access denied for …". */
  enum Access {
    PULL("pull"),
    PUSH("push"),
    CATALOG("catalog"),
    LOGIN("login");

    final String word;

    Access(String word) {
      this.word = word;
    }
  }

  final String method;
  final String registry;
  final Repository repository; // null for registry-wide calls (catalog)
  final Access access;
  String path; // below the endpoint, e.g. "/v2/x/y/manifests/latest"; null when absoluteUri is set
  URI absoluteUri; // an upload Location or pagination link resolved by the caller
  final Map<String, String> headers = new LinkedHashMap<>();
  Supplier<BodyPublisher> body = BodyPublishers::noBody;
  final List<Scope> scopes = new ArrayList<>();
  boolean retryable = true;
  Duration timeout = Duration.ofMinutes(2);
  String notFoundMessage;

  private Call(String method, Repository repository, String registry, Access access, String path) {
    this.method = method;
    this.repository = repository;
    this.registry = registry;
    this.access = access;
    this.path = path;
    this.notFoundMessage = (repository == null ? registry : repository.toString()) + ": not found";
  }

  static Call on(String method, Repository repository, Access access, String pathBelowRepository) {
    Call call =
        new Call(method, repository, repository.registry(), access,
            "/v2/" + repository.path() + pathBelowRepository);
    call.scopes.add(access == Access.PUSH ? Scope.pullPush(repository) : Scope.pull(repository));
    return call;
  }

  static Call onRegistry(String method, String registry, Access access, String path) {
    Call call = new Call(method, null, registry, access, path);
    call.scopes.add(Scope.catalog());
    return call;
  }

  /** {@code GET /v2/} with no scope: what {@code docker login} sends to check credentials. */
  static Call login(String registry) {
    return new Call("GET", null, registry, Access.LOGIN, "/v2/");
  }

  Call header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Call body(Supplier<BodyPublisher> publisher) {
    this.body = publisher;
    return this;
  }

  Call uri(URI uri) {
    this.absoluteUri = uri;
    this.path = null;
    return this;
  }

  Call scope(Scope scope) {
    scopes.add(scope);
    return this;
  }

  /** Not retried by the transport: the caller restarts a larger unit (an upload session). */
  Call notRetryable() {
    this.retryable = false;
    return this;
  }

  /** No time limit for the response headers: an upload's body is sent before them. */
  Call noTimeout() {
    this.timeout = null;
    return this;
  }

  Call notFound(String message) {
    this.notFoundMessage = message;
    return this;
  }

  URI resolve(URI base) {
    return absoluteUri != null ? absoluteUri : base.resolve(path);
  }

  /** The subject of access errors: the repository, or the registry. */
  String subject() {
    return repository != null ? repository.toString() : registry;
  }

  @Override
  public String toString() {
    return method + " " + (absoluteUri != null ? absoluteUri.getRawPath() : path);
  }
}
