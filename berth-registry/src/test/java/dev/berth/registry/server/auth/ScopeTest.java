package dev.berth.registry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {
  @Test
  void nameMayHoldAHostWithAPort() {
    Scope s = Scope.parse("repository:localhost:5000/x/y:pull,push");
    assertThat(s.type()).isEqualTo("repository");
    assertThat(s.name()).isEqualTo("localhost:5000/x/y");
    assertThat(s.actions()).isEqualTo(Set.of("pull", "push"));
    assertThat(s).hasToString("repository:localhost:5000/x/y:pull,push");
  }

  @Test
  void malformedScopeNamesTheValue() {
    assertThatThrownBy(() -> Scope.parse("repository")).isInstanceOf(BerthException.class)
        .hasMessageContaining("\"repository\"");
  }
}
