package dev.berth.registry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessFileTest {
  private final AccessFile access = AccessFile.parse(List.of(
      "# user repositories actions",
      "alice  *          pull,push,delete",
      "bob    team/*     pull,push   # bob's team",
      "*      public/*   pull",
      "alice  registry:catalog *"), "test");

  @Test
  void rulesAddUpPerUserAndRepository() {
    assertThat(access.allowed("bob", Scope.repository("team/app", "push")))
        .containsExactlyInAnyOrder("pull", "push");
    assertThat(access.allowed("bob", Scope.repository("other/app", "pull"))).isEmpty();
    assertThat(access.allowed("bob", Scope.repository("public/x", "pull"))).containsExactly("pull");
    assertThat(access.allowed(null, Scope.repository("public/deep/x", "pull"))).containsExactly("pull");
    assertThat(access.allowed(null, Scope.repository("team/app", "pull"))).isEmpty();
    assertThat(access.allowed("alice", Scope.repository("anything", "pull")))
        .isEqualTo(Set.of("pull", "push", "delete"));
  }

  @Test
  void catalogIsItsOwnResource() {
    assertThat(access.allowed("alice", Scope.catalog())).containsExactly("*");
    assertThat(access.allowed("bob", Scope.catalog())).isEmpty();
  }

  @Test
  void aMalformedLineIsRefusedWithItsNumber() {
    assertThatThrownBy(() -> AccessFile.parse(List.of("alice *"), "f"))
        .isInstanceOf(BerthException.class).hasMessageContaining("f:1");
  }
}
