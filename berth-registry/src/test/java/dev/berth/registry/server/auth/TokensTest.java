package dev.berth.registry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {
  private final Tokens tokens = new Tokens("svc", Duration.ofMinutes(5));

  @Test
  void issuedTokenVerifiesAndCoversItsScopesOnly() {
    Instant now = Instant.now();
    String token = tokens.issue("alice", List.of(Scope.repository("a/b", "pull", "push")), now);
    Tokens.Claims claims = tokens.verify(token, now).orElseThrow();
    assertThat(claims.subject()).isEqualTo("alice");
    assertThat(claims.covers(Scope.repository("a/b", "pull"))).isTrue();
    assertThat(claims.covers(Scope.repository("a/b", "pull", "push"))).isTrue();
    assertThat(claims.covers(Scope.repository("a/b", "delete"))).isFalse();
    assertThat(claims.covers(Scope.repository("a/c", "pull"))).isFalse();
  }

  @Test
  void expiredTamperedOrForeignTokensAreRefused() {
    Instant now = Instant.now();
    String token = tokens.issue("alice", List.of(Scope.repository("a/b", "pull")), now);
    assertThat(tokens.verify(token, now.plus(Duration.ofMinutes(6)))).isEmpty();
    String[] parts = token.split("\\.");
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1])).replace("a/b", "a/c").getBytes());
    assertThat(tokens.verify(parts[0] + "." + forged + "." + parts[2], now)).isEmpty();
    Tokens other = new Tokens("svc", Duration.ofMinutes(5));
    assertThat(other.verify(token, now)).isEmpty();
    Tokens otherService = new Tokens("elsewhere", Duration.ofMinutes(5));
    assertThat(otherService.verify(otherService.issue("x", List.of(), now), now)).isPresent();
    assertThat(tokens.verify("not.a.jwt", now)).isEmpty();
  }
}
