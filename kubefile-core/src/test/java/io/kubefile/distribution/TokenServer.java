package io.kubefile.distribution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubefile.image.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A docker token server (distribution's token auth spec) on loopback: authenticates with Basic
 * credentials or an OAuth2 refresh token, grants everything asked to known users and only {@code
 * pull} to anonymous callers, and signs RS256 JWTs carrying the signing certificate in {@code
 * x5c} so that the registry can check them against its root bundle.
 */
final class TokenServer implements AutoCloseable {
  static final String SERVICE = "test-registry";
  static final String ISSUER = "test-issuer";

  private final HttpServer server;
  private final PrivateKey key;
  private final X509Certificate certificate;
  private final Map<String, String> users;
  private final Map<String, String> refreshTokens;
  final AtomicInteger tokenRequests = new AtomicInteger();

  TokenServer(PrivateKey key, X509Certificate certificate, Map<String, String> users,
      Map<String, String> refreshTokens) throws IOException {
    this.key = key;
    this.certificate = certificate;
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      tokenRequests.incrementAndGet();
      Map<String, List<String>> params;
      String subject = null;
      boolean oauth = exchange.getRequestMethod().equals("POST");
      if (oauth) {
        params = parseQuery(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String refresh = first(params, "refresh_token");
        subject = refresh == null ? null : refreshTokens.get(refresh);
        if (subject == null || !"refresh_token".equals(first(params, "grant_type"))) {
          reply(exchange, 401, "{\"error\":\"invalid_grant\"}");
          return;
        }
        // OAuth2 sends the scopes space-separated in one parameter.
        List<String> scopes = new ArrayList<>();
        for (String s : params.getOrDefault("scope", List.of())) {
          scopes.addAll(List.of(s.split(" ")));
        }
        params.put("scope", scopes);
      } else {
        params = parseQuery(exchange.getRequestURI().getRawQuery());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
          String decoded = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
              StandardCharsets.UTF_8);
          int colon = decoded.indexOf(':');
          String user = decoded.substring(0, colon);
          if (!decoded.substring(colon + 1).equals(users.get(user))) {
            reply(exchange, 401, "{\"details\":\"incorrect username or password\"}");
            return;
          }
          subject = user;
        }
      }
      if (!SERVICE.equals(first(params, "service"))) {
        reply(exchange, 400, "{\"details\":\"unknown service\"}");
        return;
      }
      String jwt = sign(subject, params.getOrDefault("scope", List.of()));
      reply(exchange, 200, oauth
          ? "{\"access_token\":\"" + jwt + "\",\"expires_in\":300}"
          : "{\"token\":\"" + jwt + "\",\"expires_in\":300}");
    } catch (Exception e) {
      reply(exchange, 500, "{}");
    }
  }

  private String sign(String subject, List<String> scopes) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    ObjectNode header = Json.mapper().createObjectNode();
    header.put("typ", "JWT").put("alg", "RS256");
    header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
    ObjectNode claims = Json.mapper().createObjectNode();
    claims.put("iss", ISSUER).put("sub", subject == null ? "" : subject).put("aud", SERVICE)
        .put("exp", now + 300).put("nbf", now - 10).put("iat", now).put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    for (String scope : scopes) {
      String[] parts = scope.split(":");
      if (parts.length != 3) {
        continue;
      }
      ObjectNode grant = access.addObject().put("type", parts[0]).put("name", parts[1]);
      ArrayNode actions = grant.putArray("actions");
      for (String action : parts[2].split(",")) {
        if (subject != null || action.equals("pull")) {
          actions.add(action);
        }
      }
    }
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String signingInput = url.encodeToString(Json.mapper().writeValueAsBytes(header)) + "."
        + url.encodeToString(Json.mapper().writeValueAsBytes(claims));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(key);
    rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + url.encodeToString(rs256.sign());
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static Map<String, List<String>> parseQuery(String query) {
    Map<String, List<String>> params = new java.util.HashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
