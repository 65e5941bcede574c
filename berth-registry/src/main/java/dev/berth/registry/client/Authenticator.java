package dev.berth.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization for one registry and one set of credentials. Nothing is sent until the registry
 * challenges; then Basic credentials, or Bearer tokens fetched from the challenge's realm for the
 * scopes a request needs ({@code repository:<name>:pull,push}). Tokens are reused until shortly
 * before they expire and dropped when the registry answers 401 to one.
 */
final class Authenticator {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The token spec's default lifetime when the server gives none. */
  private static final long DEFAULT_EXPIRY_SECONDS = 60;

  private record Token(String value, Instant expires) {}

  private final RegistryEndpoint endpoint;
  private final Credentials credentials;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private volatile AuthChallenge challenge;

  Authenticator(RegistryEndpoint endpoint, Credentials credentials) {
    this.endpoint = endpoint;
    this.credentials = endpoint.mirror() ? Credentials.ANONYMOUS : credentials;
  }

  /** The Authorization header for a request needing {@code scopes}, if the registry wants one. */
  Optional<String> header(List<String> scopes) throws IOException, InterruptedException {
    AuthChallenge c = challenge;
    if (c == null) {
      return Optional.empty();
    }
    if (c.basic()) {
      return credentials.anonymous() ? Optional.empty() : Optional.of(credentials.basicHeader());
    }
    if (!c.bearer()) {
      return Optional.empty();
    }
    String key = key(scopes);
    Token t = tokens.get(key);
    if (t == null || Instant.now().isAfter(t.expires())) {
      t = fetchToken(c, scopes);
      tokens.put(key, t);
    }
    return Optional.of("Bearer " + t.value());
  }

  /** The registry wants Basic credentials and there are none to give. */
  boolean basicWithoutCredentials() {
    AuthChallenge c = challenge;
    return c != null && c.basic() && credentials.anonymous();
  }

  /**
   * The registry answered 401 with {@code wwwAuthenticate}. Returns true when a retry may now
   * succeed: the first challenge, or a Bearer token that had to be renewed.
   */
  boolean challenged(String wwwAuthenticate, List<String> scopes) {
    Optional<AuthChallenge> parsed = AuthChallenge.parse(wwwAuthenticate);
    if (parsed.isEmpty()) {
      return false;
    }
    AuthChallenge before = challenge;
    challenge = parsed.get();
    if (before == null) {
      return true;
    }
    if (parsed.get().bearer()) {
      return tokens.remove(key(scopes)) != null;
    }
    return false;
  }

  private Token fetchToken(AuthChallenge c, List<String> scopes)
      throws IOException, InterruptedException {
    String realm = c.param("realm");
    if (realm == null || realm.isEmpty()) {
      throw new RegistryException(401, "UNAUTHORIZED", endpoint.domain()
          + ": Bearer challenge without a realm");
    }
    StringBuilder query = new StringBuilder();
    if (c.param("service") != null) {
      query.append("service=").append(enc(c.param("service")));
    }
    TreeSet<String> wanted = new TreeSet<>(scopes);
    if (c.param("scope") != null && !c.param("scope").isEmpty()) {
      wanted.addAll(List.of(c.param("scope").split(" ")));
    }
    for (String s : wanted) {
      query.append(query.isEmpty() ? "" : "&").append("scope=").append(enc(s));
    }
    HttpResponse<byte[]> r;
    if (credentials.identityToken() != null && !credentials.identityToken().isEmpty()) {
      // OAuth2 refresh-token grant, as the docker daemon uses an identity token
      String form = query + (query.isEmpty() ? "" : "&") + "grant_type=refresh_token"
          + "&client_id=berth&refresh_token=" + enc(credentials.identityToken());
      r = endpoint.http().send(HttpRequest.newBuilder(URI.create(realm))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } else {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(realm
          + (realm.contains("?") ? "&" : "?") + query)).GET();
      if (!credentials.anonymous()) {
        b.header("Authorization", credentials.basicHeader());
      }
      r = endpoint.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw new RegistryException(401, "UNAUTHORIZED", "unauthorized: incorrect username or"
          + " password (token server " + realm + ")");
    }
    if (r.statusCode() != 200) {
      throw RegistryCaller.error(r.statusCode(), r.body(), "getting a token from " + realm);
    }
    JsonNode body = JSON.readTree(r.body());
    String token = body.path("token").asText(body.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new RegistryException(502, "", "token server " + realm + " returned no token");
    }
    long expiresIn = Math.max(body.path("expires_in").asLong(DEFAULT_EXPIRY_SECONDS), 60);
    // renew a little early so a token never runs out in flight
    return new Token(token, Instant.now().plusSeconds(expiresIn - 10));
  }

  private static String key(List<String> scopes) {
    return String.join(" ", new TreeSet<>(scopes));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
