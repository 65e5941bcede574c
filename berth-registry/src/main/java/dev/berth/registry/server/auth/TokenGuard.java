package dev.berth.registry.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Bearer tokens from the built-in token service. A missing, expired or foreign token, or one
 * that does not cover the route's scopes, is answered with a challenge naming the realm, the
 * service and the scopes to ask for (distribution's token flow).
 *
 * @param realm the token endpoint's URL; null to derive {@code <scheme://host>/token} per request
 */
public record TokenGuard(Tokens tokens, String realm) implements Guard {
  @Override
  public Decision check(String authorization, List<Scope> needed, String realmBase) {
    Optional<Tokens.Claims> claims = Optional.empty();
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      claims = tokens.verify(authorization.substring(7).trim(), Instant.now());
    }
    if (claims.isPresent() && needed.stream().allMatch(claims.get()::covers)) {
      return Decision.ALLOW;
    }
    StringBuilder challenge = new StringBuilder("Bearer realm=\"")
        .append(realm != null ? realm : realmBase + "/token")
        .append("\",service=\"").append(tokens.service()).append('"');
    if (!needed.isEmpty()) {
      challenge.append(",scope=\"")
          .append(needed.stream().map(Scope::toString).collect(Collectors.joining(" ")))
          .append('"');
    }
    if (claims.isPresent()) {
      challenge.append(",error=\"insufficient_scope\"");
    }
    return Decision.deny(challenge.toString(), claims.isPresent()
        ? "token does not grant " + needed : "authentication required");
  }
}
