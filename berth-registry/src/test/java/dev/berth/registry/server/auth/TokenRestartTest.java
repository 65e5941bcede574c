package dev.berth.registry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.registry.server.Registry;
import dev.berth.registry.server.RegistryConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token service's signing key lives in the registry root: tokens outlive a restart. */
class TokenRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  private HttpResponse<byte[]> get(Registry r, String path, String authorization)
      throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + path))
        .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aTokenIssuedBeforeARestartIsAcceptedAfterIt() throws Exception {
    Path users = HtpasswdTestSupport.htpasswd(dir, "bob", "pw");
    Path access = dir.resolve("access");
    Files.writeString(access, "bob team/* pull\n");
    RegistryConfig config = RegistryConfig.defaults(dir.resolve("root"))
        .withTokenAuth(users, access, null);
    String bearer;
    try (Registry first = Registry.start(config)) {
      String basic = "Basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes(
          StandardCharsets.UTF_8));
      HttpResponse<byte[]> issued = get(first, "/token?service=berth-registry&scope="
          + "repository:team/app:pull", basic);
      assertThat(issued.statusCode()).isEqualTo(200);
      bearer = "Bearer " + JSON.readTree(issued.body()).path("token").asText();
      assertThat(get(first, "/v2/team/app/tags/list", bearer).statusCode()).isEqualTo(404);
    }
    Path key = dir.resolve("root").resolve("token-signing-key.pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    byte[] kept = Files.readAllBytes(key);
    try (Registry second = Registry.start(config)) {
      // 404: admitted, the repository just does not exist; a refused token would be 401
      assertThat(get(second, "/v2/team/app/tags/list", bearer).statusCode()).isEqualTo(404);
      assertThat(get(second, "/v2/other/app/tags/list", bearer).statusCode()).isEqualTo(401);
    }
    assertThat(Files.readAllBytes(key)).isEqualTo(kept);
    try (var left = Files.list(dir.resolve("root"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".token-signing-key.pem-"));
    }
  }

  @Test
  void twoOpensOfOneFileShareTheKeyAndAnOpenFileIsRefused() throws Exception {
    Path file = dir.resolve("key.pem");
    Tokens a = Tokens.open(file, "svc", Duration.ofMinutes(5));
    Tokens b = Tokens.open(file, "svc", Duration.ofMinutes(5));
    Instant now = Instant.now();
    String token = a.issue("alice", List.of(Scope.repository("a/b", "pull")), now);
    assertThat(b.verify(token, now)).isPresent();
    assertThat(new Tokens("svc", Duration.ofMinutes(5)).verify(token, now)).isEmpty();

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> Tokens.open(file, "svc", Duration.ofMinutes(5)))
        .isInstanceOf(BerthException.class).hasMessageContaining(file.toString())
        .hasMessageContaining("rw-r--r--");
    Files.writeString(file, "not a key");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> Tokens.open(file, "svc", Duration.ofMinutes(5)))
        .isInstanceOf(BerthException.class).hasMessageContaining("PUBLIC KEY");
  }
}
