package io.kubefile.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.ErrorMessages;
import io.kubefile.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends {@link Call}s: finds each registry's endpoint (scheme and auth challenge, by pinging
 * {@code /v2/}), authenticates, follows redirects (dropping credentials when leaving the registry,
 * as blob storage redirects to presigned URLs), retries with backoff, and maps failures to {@link
 * RegistryException}s. Thread-safe.
 */
final class RegistryTransport {
  private static final System.Logger LOG = System.getLogger(RegistryTransport.class.getName());
  private static final int MAX_REDIRECTS = 10;
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

  /** Where a registry's API lives and how it challenges: learned once per registry. */
  record Endpoint(String registry, URI base, List<AuthChallenge> challenges, int pingStatus) {
    /** A registry answers /v2/ with 200, or 401 when it wants credentials. */
    boolean speaksRegistryProtocol() {
      return pingStatus == 200 || pingStatus == 401;
    }

    Endpoint withChallenges(List<AuthChallenge> newChallenges) {
      return new Endpoint(registry, base, newChallenges, pingStatus);
    }
  }

  private final TlsOptions tls;
  private final RetryPolicy retry;
  private final String userAgent;
  private final Authenticator authenticator;
  private final ProgressListener listener;
  private final StallWatch stallWatch;
  private final ConcurrentHashMap<String, HttpClient> clients = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Object> endpointLocks = new ConcurrentHashMap<>();

  RegistryTransport(CredentialsProvider credentials, TlsOptions tls, RetryPolicy retry, String userAgent, Clock clock,
      ProgressListener listener, StallWatch stallWatch) {
    this.tls = tls;
    this.retry = retry;
    this.userAgent = userAgent;
    this.authenticator = new Authenticator(credentials, this, clock);
    this.listener = listener;
    this.stallWatch = stallWatch;
  }

  RetryPolicy retryPolicy() {
    return retry;
  }

  /** {@code body}, failing with {@link StallWatch.StalledException} when it sends nothing for the stall timeout. */
  InputStream watched(InputStream body) {
    return stallWatch.watch(body);
  }

  /**
   * Waits before another attempt, after telling the user what failed and why: a retry is never
   * silent, so a slow or flaky registry is visible as such rather than as a hang.
   */
  void retryAfter(String what, String why, int attempt, int attempts, Duration delay) throws InterruptedIOException {
    String message = what + " failed (" + why + "); retrying in " + StallWatch.seconds(delay) + " s (attempt "
        + (attempt + 1) + " of " + attempts + ")";
    LOG.log(Level.DEBUG, message);
    listener.retrying(message);
    sleep(delay);
  }

  /**
   * Sends {@code call} and returns the final answer with its body unread, whatever its status;
   * only retryable failures that persist become exceptions. Callers check the status and use {@link
   * #failure} for the ones they did not expect.
   */
  HttpResponse<InputStream> send(Call call) throws IOException {
    Endpoint endpoint = endpoint(call.registry);
    int attempts = call.retryable ? retry.maxAttempts() : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<InputStream> response = sendOnce(endpoint, call);
        int status = response.statusCode();
        if (attempt < attempts && isRetryableStatus(status)) {
          Duration delay = retry.delayAfter(attempt, retryAfter(response).orElse(null));
          discard(response);
          retryAfter(call.registry + ": " + call, "HTTP " + status, attempt, attempts, delay);
          continue;
        }
        return response;
      } catch (IOException e) {
        if (attempt >= attempts || !isRetryableException(e)) {
          throw connectionFailure(call.registry, call.toString(), e);
        }
        retryAfter(call.registry + ": " + call, ErrorMessages.of(e), attempt, attempts, retry.delayAfter(attempt));
      }
    }
  }

  private HttpResponse<InputStream> sendOnce(Endpoint endpoint, Call call) throws IOException {
    URI uri = call.resolve(endpoint.base());
    String authorization = authenticator.authorization(endpoint, call, false);
    boolean refreshed = false;
    for (int redirects = 0; ; ) {
      boolean sameOrigin = sameOrigin(uri, endpoint.base());
      HttpRequest.Builder builder = requestBuilder(uri).method(call.method, call.body.get());
      call.headers.forEach(builder::header);
      if (call.timeout != null) {
        builder.timeout(call.timeout);
      } else if (call.method.equals("GET") || call.method.equals("HEAD")) {
        builder.timeout(stallWatch.timeout()); // an answer that never starts is a stall too
      }
      if (sameOrigin && authorization != null) {
        builder.header("Authorization", authorization);
      }
      HttpResponse<InputStream> response = exchange(builder.build());
      int status = response.statusCode();
      if (status == 401 && sameOrigin && !refreshed) {
        List<AuthChallenge> challenges =
            AuthChallenge.parseAll(response.headers().allValues("WWW-Authenticate"));
        if (!challenges.isEmpty()) {
          endpoint = endpoint.withChallenges(challenges);
          endpoints.put(endpoint.registry(), endpoint);
        }
        String fresh = authenticator.authorization(endpoint, call, true);
        if (fresh != null && !fresh.equals(authorization)) { // the same credentials again would fail again
          discard(response);
          authorization = fresh;
          refreshed = true;
          continue;
        }
        return response;
      }
      if (isRedirect(status) && (call.method.equals("GET") || call.method.equals("HEAD"))) {
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isPresent()) {
          discard(response);
          if (++redirects > MAX_REDIRECTS) {
            throw new RegistryException(RegistryException.Reason.PROTOCOL,
                call.registry + " redirected " + call + " more than " + MAX_REDIRECTS + " times");
          }
          uri = uri.resolve(location.get());
          continue;
        }
      }
      return response;
    }
  }

  HttpRequest.Builder requestBuilder(URI uri) {
    return HttpRequest.newBuilder(uri).header("User-Agent", userAgent);
  }

  private HttpResponse<InputStream> exchange(HttpRequest request) throws IOException {
    try {
      return client(request.uri()).send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted during " + request.method() + " " + request.uri().getPath());
    }
  }

  /** A token request, retried like registry calls; the body is small and read whole. */
  HttpResponse<byte[]> sendToTokenServer(HttpRequest request, Call call) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<byte[]> response =
            client(request.uri()).send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (attempt < retry.maxAttempts() && isRetryableStatus(response.statusCode())) {
          retryAfter("token request to " + request.uri().getAuthority(), "HTTP " + response.statusCode(), attempt,
              retry.maxAttempts(), retry.delayAfter(attempt, retryAfter(response).orElse(null)));
          continue;
        }
        return response;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while fetching a token");
      } catch (IOException e) {
        if (attempt >= retry.maxAttempts() || !isRetryableException(e)) {
          throw connectionFailure(request.uri().getAuthority(), "token request for " + call.subject(), e);
        }
        retryAfter("token request to " + request.uri().getAuthority(), ErrorMessages.of(e), attempt,
            retry.maxAttempts(), retry.delayAfter(attempt));
      }
    }
  }

  /** The endpoint of {@code registry}, pinging it the first time. */
  Endpoint endpoint(String registry) throws IOException {
    Endpoint known = endpoints.get(registry);
    if (known != null) {
      return known;
    }
    synchronized (endpointLocks.computeIfAbsent(registry, r -> new Object())) {
      known = endpoints.get(registry);
      if (known == null) {
        known = ping(registry);
        endpoints.put(registry, known);
      }
      return known;
    }
  }

  private Endpoint ping(String registry) throws IOException {
    String host = registry.equals(RegistryKeys.DOCKER_HUB) ? DOCKER_HUB_API_HOST : registry;
    boolean plainHttpAllowed = !tls.verify() || isLoopback(host);
    if (isLoopback(host)) {
      // Loopback traffic never leaves the machine, and most loopback registries speak plain HTTP
      // (Docker, too, treats 127.0.0.0/8 as insecure by default): asking that first spares the TLS
      // set-up (a fifth of a short command's time). A TLS registry answers plain HTTP with 400 or a
      // dropped connection, and HTTPS is tried next. Any other answer (a 500, a 404 from something
      // that is not a registry) is the server's, and is what the user is told about; a refused
      // connection would be refused over HTTPS too.
      try {
        Endpoint plain = pingAt(registry, URI.create("http://" + host + "/"));
        if (plain.pingStatus() != 400) {
          return plain;
        }
      } catch (RegistryException notPlainHttp) {
        if (hasCause(notPlainHttp, ConnectException.class)) {
          throw notPlainHttp;
        }
        LOG.log(Level.DEBUG, "{0} does not answer plain HTTP ({1}); trying HTTPS", registry,
            notPlainHttp.getMessage());
      }
      return pingAt(registry, URI.create("https://" + host + "/"));
    }
    try {
      return pingAt(registry, URI.create("https://" + host + "/"));
    } catch (RegistryException e) {
      boolean certificateProblem = hasCause(e, CertificateException.class);
      if (!plainHttpAllowed || (tls.verify() && certificateProblem)) {
        throw e;
      }
      LOG.log(Level.DEBUG, "{0} does not answer HTTPS ({1}); trying plain HTTP", registry, e.getMessage());
      return pingAt(registry, URI.create("http://" + host + "/"));
    }
  }

  private Endpoint pingAt(String registry, URI base) throws IOException {
    HttpRequest request = requestBuilder(base.resolve("/v2/")).GET().timeout(Duration.ofSeconds(30)).build();
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<InputStream> response = exchange(request);
        if (attempt < retry.maxAttempts() && isRetryableStatus(response.statusCode())) {
          Duration delay = retry.delayAfter(attempt, retryAfter(response).orElse(null));
          discard(response);
          retryAfter(registry + ": GET " + base.resolve("/v2/"), "HTTP " + response.statusCode(), attempt,
              retry.maxAttempts(), delay);
          continue;
        }
        List<AuthChallenge> challenges = response.statusCode() == 401
            ? AuthChallenge.parseAll(response.headers().allValues("WWW-Authenticate"))
            : List.of();
        discard(response);
        return new Endpoint(registry, base, challenges, response.statusCode());
      } catch (IOException e) {
        if (attempt >= retry.maxAttempts() || !isRetryableException(e)) {
          throw connectionFailure(registry, "GET " + base.resolve("/v2/"), e);
        }
        retryAfter(registry + ": GET " + base.resolve("/v2/"), ErrorMessages.of(e), attempt, retry.maxAttempts(),
            retry.delayAfter(attempt));
      }
    }
  }

  /**
   * GETs a URL that is not a registry API (an {@code ADD https://...} source) with this transport's TLS
   * settings, retries and stall timeout, following redirects; the body is the caller's to close.
   */
  InputStream openUrl(URI url) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        URI uri = url;
        HttpResponse<InputStream> response;
        for (int redirects = 0; ; redirects++) {
          response = exchange(requestBuilder(uri).GET().timeout(stallWatch.timeout()).build());
          Optional<String> location = response.headers().firstValue("Location");
          if (!isRedirect(response.statusCode()) || location.isEmpty() || redirects >= MAX_REDIRECTS) {
            break;
          }
          discard(response);
          uri = uri.resolve(location.get());
        }
        int status = response.statusCode();
        if (attempt < retry.maxAttempts() && isRetryableStatus(status)) {
          discard(response);
          retryAfter("GET " + url, "HTTP " + status, attempt, retry.maxAttempts(),
              retry.delayAfter(attempt, retryAfter(response).orElse(null)));
          continue;
        }
        if (status != 200) {
          discard(response);
          throw new RegistryException(status >= 500 ? RegistryException.Reason.SERVER_ERROR : RegistryException.Reason.PROTOCOL,
              "cannot download " + url + ": HTTP " + status);
        }
        return watched(response.body());
      } catch (IOException e) {
        if (attempt >= retry.maxAttempts() || !isRetryableException(e)) {
          RegistryException failure = connectionFailure(url.getAuthority(), "GET " + url, e);
          throw failure.reason() == RegistryException.Reason.TLS ? failure
              : new RegistryException(failure.reason(), "cannot download " + url + ": " + ErrorMessages.of(e), e);
        }
        retryAfter("GET " + url, ErrorMessages.of(e), attempt, retry.maxAttempts(), retry.delayAfter(attempt));
      }
    }
  }

  /** The exception for an answer the caller did not expect; reads (and closes) the body. */
  RegistryException failure(Call call, HttpResponse<InputStream> response) throws IOException {
    int status = response.statusCode();
    List<String> codes = new ArrayList<>();
    String serverMessage = "";
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
      if (bytes.length > 0) {
        try {
          JsonNode json = Json.mapper().readTree(bytes);
          List<String> messages = new ArrayList<>();
          for (JsonNode error : json.path("errors")) {
            codes.add(error.path("code").asText(""));
            String message = error.path("message").asText("");
            if (!message.isEmpty()) {
              messages.add(message);
            }
          }
          serverMessage = String.join("; ", messages);
        } catch (IOException notJson) {
          serverMessage = plainTextExcerpt(bytes);
        }
      }
    }
    String subject = call.subject();
    String accessDenied = call.access.word + " access denied for " + subject + ": ";
    return switch (status) {
      case 401 -> new RegistryException(RegistryException.Reason.UNAUTHORIZED, status, codes,
          accessDenied + (authenticator.credentialsFor(call).isPresent()
              ? "authentication failed: the registry rejected the credentials"
              : "authentication required"), null);
      case 403 -> new RegistryException(RegistryException.Reason.DENIED, status, codes,
          accessDenied + (serverMessage.isEmpty() ? "access forbidden" : serverMessage), null);
      case 404 -> new RegistryException(RegistryException.Reason.NOT_FOUND, status, codes,
          codes.contains("NAME_UNKNOWN")
              ? "name unknown: repository " + subject + " not found"
              : call.notFoundMessage, null);
      case 429 -> new RegistryException(RegistryException.Reason.TOO_MANY_REQUESTS, status, codes,
          "too many requests to " + call.registry + " (" + call + "), even after retrying"
              + (serverMessage.isEmpty() ? "" : ": " + serverMessage), null);
      default -> {
        RegistryException.Reason reason = status >= 500
            ? RegistryException.Reason.SERVER_ERROR
            : codes.contains("DIGEST_INVALID") ? RegistryException.Reason.DIGEST_MISMATCH
            : codes.contains("UNSUPPORTED") || codes.contains("MANIFEST_INVALID")
                ? RegistryException.Reason.UNSUPPORTED
                : RegistryException.Reason.PROTOCOL;
        yield new RegistryException(reason, status, codes,
            call.registry + " answered HTTP " + status + " to " + call
                + (codes.isEmpty() ? "" : " " + codes)
                + (serverMessage.isEmpty() ? "" : ": " + serverMessage), null);
      }
    };
  }

  /**
   * The first line of a body that is not the distribution spec's JSON (a proxy's or a broken server's
   * own words), when it is short printable text; empty for HTML pages and binary content.
   */
  private static String plainTextExcerpt(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
    int newline = text.indexOf('\n');
    String line = (newline < 0 ? text : text.substring(0, newline)).strip();
    if (line.isEmpty() || line.startsWith("<") || !line.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd)) {
      return "";
    }
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }

  private RegistryException connectionFailure(String registry, String what, IOException e) {
    if (hasCause(e, CertificateException.class) || e instanceof SSLHandshakeException && tls.verify()) {
      return new RegistryException(RegistryException.Reason.TLS,
          "TLS verification failed for " + registry + ": " + rootMessage(e)
              + " (add the registry's CA as a *.crt file in a certificate directory, "
              + "or disable verification with --tls-verify=false)", e);
    }
    return new RegistryException(RegistryException.Reason.CONNECTION,
        "cannot reach " + registry + " (" + what + "): " + rootMessage(e), e);
  }

  private static String rootMessage(Throwable e) {
    return ErrorMessages.of(e);
  }

  HttpClient client(URI uri) throws IOException {
    String authority = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    HttpClient existing = clients.get(authority);
    if (existing != null) {
      return existing;
    }
    String hostAndPort = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    HttpClient.Builder builder = HttpClient.newBuilder()
        // HTTP/1.1 everywhere: one request per connection keeps resumable downloads and
        // parallel blob transfers simple, and avoids h2c upgrade attempts on plain HTTP.
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER) // followed by hand, to drop credentials
        .connectTimeout(Duration.ofSeconds(30));
    if ("https".equals(uri.getScheme())) {
      builder.sslContext(TlsContexts.forHost(tls, hostAndPort));
    } else {
      // Without a context the JDK client loads the default one (every CA certificate) even
      // for plain HTTP, which it never uses.
      builder.sslContext(TlsContexts.unused());
    }
    return clients.computeIfAbsent(authority, a -> builder.build());
  }

  static boolean isLoopback(String hostAndPort) {
    String host = hostAndPort;
    if (host.startsWith("[")) {
      host = host.substring(1, host.indexOf(']'));
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false; // a name: do not resolve it just to decide
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  static boolean isRetryableStatus(int status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /**
   * Connection resets, EOFs, stalls and answers that time out are worth retrying: a busy or restarted
   * server recovers. A refused connection (nothing listens on the port), an unknown host, a connect
   * timeout (nothing answers at all) and TLS failures are not: retrying only delays the error by
   * seconds of silence.
   */
  static boolean isRetryableException(IOException e) {
    if (hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class)
        || hasCause(e, NoRouteToHostException.class) || hasCause(e, HttpConnectTimeoutException.class)) {
      return false;
    }
    if (e instanceof InterruptedIOException && !(e instanceof HttpTimeoutException)) {
      return false;
    }
    if (e instanceof SSLException || hasCause(e, SSLException.class)) {
      return false;
    }
    return true;
  }

  static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** {@code Retry-After} as seconds or an HTTP date. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (RuntimeException notDate) {
        return Optional.empty();
      }
    }
  }

  static void discard(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      body.skip(MAX_ERROR_BODY); // let a small body be read so the connection can be reused
    } catch (IOException ignored) {
      // The connection is dropped instead of reused; nothing else to do.
    }
  }

  static void sleep(Duration delay) throws InterruptedIOException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
