package dev.berth.registry.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The token endpoint ({@code GET /token?service=…&scope=…}): authenticates the caller with Basic
 * credentials from the htpasswd file (or none: anonymous), grants for each asked scope the
 * intersection of the asked actions and what the access file allows, and answers with a signed
 * token. Wrong credentials are a 401; scopes not allowed are simply left out, as the spec says.
 */
public final class TokenService {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Tokens tokens;
  private final Htpasswd users;
  private final AccessFile access;

  /** The endpoint's answer: 200 with a JSON body, or 401 with a message. */
  public record Answer(int status, byte[] body, String message) {}

  public TokenService(Tokens tokens, Htpasswd users, AccessFile access) {
    this.tokens = tokens;
    this.users = users;
    this.access = access;
  }

  public Answer issue(String authorization, String service, List<String> scopes) throws Exception {
    String user = null;
    Optional<BasicCredentials> credentials = BasicCredentials.from(authorization);
    if (credentials.isPresent()) {
      if (users == null || !users.check(credentials.get().user(), credentials.get().password())) {
        return new Answer(401, null, "invalid username or password");
      }
      user = credentials.get().user();
    }
    if (service != null && !service.equals(tokens.service())) {
      return new Answer(400, null, "unknown service \"" + service + "\"");
    }
    List<Scope> granted = new ArrayList<>();
    for (String text : scopes) {
      for (String one : text.split(" ")) {
        if (one.isBlank()) {
          continue;
        }
        Scope asked = Scope.parse(one);
        Set<String> allowed = access.allowed(user, asked);
        Set<String> actions = new HashSet<>(asked.actions());
        if (!allowed.contains("*")) {
          actions.retainAll(allowed);
        }
        if (!actions.isEmpty()) {
          granted.add(new Scope(asked.type(), asked.name(), actions));
        }
      }
    }
    Instant now = Instant.now();
    String token = tokens.issue(user, granted, now);
    ObjectNode body = JSON.createObjectNode();
    body.put("token", token);
    body.put("access_token", token);
    body.put("expires_in", tokens.lifetime().toSeconds());
    body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(now));
    return new Answer(200, JSON.writeValueAsBytes(body), null);
  }
}
