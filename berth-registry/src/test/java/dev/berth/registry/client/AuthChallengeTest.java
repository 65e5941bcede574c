package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void bearerWithQuotedParametersAndCommasInsideQuotes() {
    AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
        + "service=\"registry.docker.io\",scope=\"repository:a/b:pull,push\"").orElseThrow();
    assertThat(c.bearer()).isTrue();
    assertThat(c.param("realm")).isEqualTo("https://auth.docker.io/token");
    assertThat(c.param("service")).isEqualTo("registry.docker.io");
    assertThat(c.param("scope")).isEqualTo("repository:a/b:pull,push");
  }

  @Test
  void basicAndUnquotedValues() {
    AuthChallenge c = AuthChallenge.parse("basic realm=berth, charset=\"UTF-8\"").orElseThrow();
    assertThat(c.basic()).isTrue();
    assertThat(c.param("realm")).isEqualTo("berth");
    assertThat(c.param("charset")).isEqualTo("UTF-8");
  }

  @Test
  void emptyHeaderIsNoChallenge() {
    assertThat(AuthChallenge.parse(null)).isEmpty();
    assertThat(AuthChallenge.parse(" ")).isEmpty();
  }
}
