package io.kubefile.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubefile.image.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a registry's challenge into an {@code Authorization} header: Basic with the credentials,
 * or a Bearer token from the challenge's realm (the docker token flow, or for identity tokens the
 * OAuth2 refresh-token flow). Tokens are cached per registry, scopes and user until shortly before
 * they expire; a 401 bypasses the cache once.
 */
final class Authenticator {
  /** Tokens without {@code expires_in} last 60 s (token spec); refresh a little early. */
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);
  private static final String OAUTH_CLIENT_ID = "kubefile";

  private record CachedToken(String value, Instant expiresAt) {}

  private final CredentialsProvider credentials;
  private final RegistryTransport transport;
  private final Clock clock;
  private final ConcurrentHashMap<String, CachedToken> tokens = new ConcurrentHashMap<>();

  Authenticator(CredentialsProvider credentials, RegistryTransport transport, Clock clock) {
    this.credentials = credentials;
    this.transport = transport;
    this.clock = clock;
  }

  Optional<Credentials> credentialsFor(Call call) throws IOException {
    // Registry-wide calls (catalog) match only registry-wide auth entries; "_catalog" is not a
    // valid repository name, so no namespace-keyed entry can match it.
    Repository repository = call.repository != null ? call.repository : new Repository(call.registry, "_catalog");
    return credentials.credentialsFor(repository);
  }

  /**
   * The header to send for {@code call} given the endpoint's challenges, or null when the registry
   * asked for nothing we can answer. {@code fresh} ignores cached tokens (after a 401).
   */
  String authorization(RegistryTransport.Endpoint endpoint, Call call, boolean fresh) throws IOException {
    List<AuthChallenge> challenges = endpoint.challenges();
    Optional<AuthChallenge> bearer = challenges.stream().filter(AuthChallenge::isBearer).findFirst();
    if (bearer.isPresent() && bearer.get().parameter("realm").isPresent()) {
      return "Bearer " + token(bearer.get(), endpoint, call, fresh);
    }
    if (challenges.stream().anyMatch(AuthChallenge::isBasic)) {
      return credentialsFor(call).map(Credentials::basicAuthorization).orElse(null);
    }
    return null;
  }

  private String token(AuthChallenge challenge, RegistryTransport.Endpoint endpoint, Call call, boolean fresh)
      throws IOException {
    Optional<Credentials> creds = credentialsFor(call);
    StringJoiner scopes = new StringJoiner(" ");
    call.scopes.stream().map(Scope::toString).sorted().forEach(scopes::add);
    String key =
        endpoint.registry() + "|" + scopes + "|" + creds.map(Credentials::username).orElse("")
            + "|" + creds.map(c -> c.identityToken().isPresent()).orElse(false);
    CachedToken cached = tokens.get(key);
    if (!fresh && cached != null && clock.instant().isBefore(cached.expiresAt())) {
      return cached.value();
    }
    CachedToken token = fetchToken(challenge, call, creds);
    tokens.put(key, token);
    return token.value();
  }

  private CachedToken fetchToken(AuthChallenge challenge, Call call, Optional<Credentials> creds)
      throws IOException {
    String realm = challenge.parameter("realm").orElseThrow();
    String service = challenge.parameter("service").orElse(null);
    URI realmUri;
    try {
      realmUri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryException.Reason.PROTOCOL,
          call.registry + " named an invalid token realm \"" + realm + "\"");
    }
    HttpRequest request;
    Optional<String> identityToken = creds.flatMap(Credentials::identityToken);
    if (identityToken.isPresent()) {
      // docker's OAuth2 flow for identity tokens: POST a refresh_token grant to the realm.
      StringBuilder form = new StringBuilder();
      form.append("grant_type=refresh_token&refresh_token=").append(encode(identityToken.get()));
      form.append("&client_id=").append(OAUTH_CLIENT_ID);
      if (service != null) {
        form.append("&service=").append(encode(service));
      }
      StringJoiner scopes = new StringJoiner(" ");
      call.scopes.forEach(s -> scopes.add(s.toString()));
      form.append("&scope=").append(encode(scopes.toString()));
      request = transport.requestBuilder(realmUri)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
          .build();
    } else {
      StringBuilder query = new StringBuilder();
      if (service != null) {
        query.append("service=").append(encode(service));
      }
      for (Scope scope : call.scopes) {
        query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(scope.toString()));
      }
      if (creds.isPresent() && !creds.get().username().isEmpty()) {
        query.append(query.length() == 0 ? "" : "&").append("account=").append(encode(creds.get().username()));
      }
      String separator = realm.contains("?") ? "&" : "?";
      URI uri = URI.create(realm + (query.length() == 0 ? "" : separator + query));
      HttpRequest.Builder builder = transport.requestBuilder(uri).GET();
      creds.ifPresent(c -> builder.header("Authorization", c.basicAuthorization()));
      request = builder.build();
    }
    HttpResponse<byte[]> response = transport.sendToTokenServer(request, call);
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new RegistryException(RegistryException.Reason.UNAUTHORIZED, response.statusCode(), List.of(),
          call.access.word + " access denied for " + call.subject() + ": "
              + (creds.isPresent()
                  ? "authentication failed: the token server rejected the credentials"
                  : "authentication required"),
          null);
    }
    if (response.statusCode() != 200) {
      throw new RegistryException(RegistryException.Reason.PROTOCOL, response.statusCode(), List.of(),
          "token server " + realmUri.getHost() + " answered HTTP " + response.statusCode()
              + " for " + call.access.word + " access to " + call.subject(), null);
    }
    JsonNode json;
    try {
      json = Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new RegistryException(RegistryException.Reason.PROTOCOL,
          "token server " + realmUri.getHost() + " answered something that is not JSON");
    }
    String token = json.path("token").asText("");
    if (token.isEmpty()) {
      token = json.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw new RegistryException(RegistryException.Reason.PROTOCOL,
          "token server " + realmUri.getHost() + " answered without a token");
    }
    Duration lifetime = json.path("expires_in").asLong(0) > 0
        ? Duration.ofSeconds(json.path("expires_in").asLong())
        : DEFAULT_TOKEN_LIFETIME;
    Instant issuedAt = clock.instant();
    String issued = json.path("issued_at").asText("");
    if (!issued.isEmpty()) {
      try {
        Instant serverIssued = OffsetDateTime.parse(issued).toInstant();
        // Trust the server's clock only if it is sane; expiry is computed with ours.
        if (serverIssued.isBefore(issuedAt) && serverIssued.isAfter(issuedAt.minus(Duration.ofMinutes(5)))) {
          issuedAt = serverIssued;
        }
      } catch (RuntimeException ignored) {
        // An unparseable issued_at is harmless: use the time we received it.
      }
    }
    Instant expiresAt = issuedAt.plus(lifetime).minus(lifetime.compareTo(EXPIRY_MARGIN.multipliedBy(2)) > 0
        ? EXPIRY_MARGIN : Duration.ZERO);
    return new CachedToken(token, expiresAt);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
