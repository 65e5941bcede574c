package dev.berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.registry.server.auth.HtpasswdTestSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The challenges and the token endpoint as a client sees them on the wire. */
class AuthHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  Path dir;

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicAuthChallengesThenAdmitsAKnownUser() throws Exception {
    Path users = HtpasswdTestSupport.htpasswd(dir, "alice", "pw");
    try (TestRegistry r = new TestRegistry(c -> c.withBasicAuth(users))) {
      HttpResponse<byte[]> anonymous = r.get("/v2/");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"berth-registry\"");
      assertThat(TestRegistry.text(anonymous)).contains("UNAUTHORIZED");
      assertThat(r.get("/v2/", "Authorization", basic("alice", "nope")).statusCode()).isEqualTo(401);
      assertThat(r.get("/v2/", "Authorization", basic("alice", "pw")).statusCode()).isEqualTo(200);
      Map<String, Long> before = r.snapshot();
      assertThat(r.send("POST", "/v2/a/b/blobs/uploads/?digest=sha256:" + "0".repeat(64),
          "x".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(401);
      assertThat(r.snapshot()).isEqualTo(before);
    }
  }

  @Test
  void tokenFlowGrantsTheIntersectionOfAskedAndAllowed() throws Exception {
    Path users = HtpasswdTestSupport.htpasswd(dir, "bob", "pw");
    Path access = dir.resolve("access");
    Files.writeString(access, "bob team/* pull\n");
    try (TestRegistry r = new TestRegistry(c -> c.withTokenAuth(users, access, null))) {
      HttpResponse<byte[]> challenge = r.get("/v2/team/app/tags/list");
      assertThat(challenge.statusCode()).isEqualTo(401);
      assertThat(challenge.headers().firstValue("WWW-Authenticate")).hasValue(
          "Bearer realm=\"" + r.base + "/token\",service=\"berth-registry\","
              + "scope=\"repository:team/app:pull\"");
      HttpResponse<byte[]> wrong = r.get("/token?service=berth-registry&scope="
          + "repository:team/app:pull,push", "Authorization", basic("bob", "bad"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      HttpResponse<byte[]> issued = r.get("/token?service=berth-registry&scope="
          + "repository:team/app:pull,push", "Authorization", basic("bob", "pw"));
      assertThat(issued.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(issued.body());
      assertThat(body.path("token").asText()).isEqualTo(body.path("access_token").asText());
      assertThat(body.path("expires_in").asInt()).isGreaterThanOrEqualTo(60);
      assertThat(body.path("issued_at").asText()).isNotEmpty();
      String claims = new String(Base64.getUrlDecoder().decode(body.path("token").asText()
          .split("\\.")[1]), StandardCharsets.UTF_8);
      assertThat(claims).contains("\"actions\":[\"pull\"]").doesNotContain("push");
      String bearer = "Bearer " + body.path("token").asText();
      assertThat(r.get("/v2/team/app/tags/list", "Authorization", bearer).statusCode())
          .isEqualTo(404); // admitted: the repository just does not exist
      HttpResponse<byte[]> push = r.send("POST", "/v2/team/app/blobs/uploads/", null,
          "Authorization", bearer);
      assertThat(push.statusCode()).isEqualTo(401);
      assertThat(push.headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("error=\"insufficient_scope\"");
      assertThat(r.get("/v2/other/app/tags/list", "Authorization", bearer).statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void oauthPasswordGrantIssuesATokenAndRefreshIsRefused() throws Exception {
    Path users = HtpasswdTestSupport.htpasswd(dir, "bob", "pw");
    Path access = dir.resolve("access");
    Files.writeString(access, "bob team/* pull,push\n");
    try (TestRegistry r = new TestRegistry(c -> c.withTokenAuth(users, access, null))) {
      HttpResponse<byte[]> issued = r.send("POST", "/token", ("grant_type=password&username=bob"
          + "&password=pw&service=berth-registry&scope=repository%3Ateam%2Fapp%3Apush")
          .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded");
      assertThat(issued.statusCode()).as(TestRegistry.text(issued)).isEqualTo(200);
      String bearer = "Bearer " + JSON.readTree(issued.body()).path("access_token").asText();
      assertThat(r.send("POST", "/v2/team/app/blobs/uploads/", null, "Authorization", bearer)
          .statusCode()).isEqualTo(401); // push alone does not cover pull,push
      HttpResponse<byte[]> wrong = r.send("POST", "/token", "grant_type=password&username=bob&password=x"
          .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded");
      assertThat(wrong.statusCode()).isEqualTo(401);
      HttpResponse<byte[]> refresh = r.send("POST", "/token", "grant_type=refresh_token&refresh_token=x"
          .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-www-form-urlencoded");
      assertThat(refresh.statusCode()).isEqualTo(400);
    }
  }
}
