package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Bearer tokens are reused across requests and fetched anew when the registry rejects one. */
class TokenReuseTest {
  @Test
  void tokenIsReusedThenRenewedAfterA401() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    AtomicReference<String> valid = new AtomicReference<>();
    List<String> scopes = new CopyOnWriteArrayList<>();
    AtomicReference<String> realm = new AtomicReference<>();
    try (FakeRegistry r = new FakeRegistry(e -> {
      String path = e.getRequestURI().getPath();
      if (path.equals("/token")) {
        scopes.add(e.getRequestURI().getQuery());
        String token = "t" + issued.incrementAndGet();
        valid.set(token);
        FakeRegistry.reply(e, 200, ("{\"token\":\"" + token + "\",\"expires_in\":300}")
            .getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (!("Bearer " + valid.get()).equals(e.getRequestHeaders().getFirst("Authorization"))) {
        e.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + realm.get()
            + "\",service=\"fake\",scope=\"repository:a/b:pull\"");
        FakeRegistry.reply(e, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"no\"}]}"
            .getBytes(StandardCharsets.UTF_8));
        return;
      }
      FakeRegistry.reply(e, 200, "{\"name\":\"a/b\",\"tags\":[\"x\"]}"
          .getBytes(StandardCharsets.UTF_8));
    })) {
      realm.set("http://" + r.host() + "/token");
      RegistryClient client = new RegistryClient(r.endpoint(), Credentials.ANONYMOUS);
      assertThat(client.listTags("a/b")).containsExactly("x");
      assertThat(client.listTags("a/b")).containsExactly("x");
      assertThat(issued.get()).isEqualTo(1); // the second request reused the token
      valid.set("revoked");
      assertThat(client.listTags("a/b")).containsExactly("x");
      assertThat(issued.get()).isEqualTo(2);
      assertThat(scopes).allMatch(q -> q.contains("service=fake")
          && q.contains("scope=repository:a/b:pull"));
    }
  }
}
