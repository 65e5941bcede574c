package dev.berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.registry.server.auth.HtpasswdTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Debian's skopeo (a real client nobody here wrote) copies an image into Berth's registry and
 * out again over plain HTTP on loopback: without auth, with htpasswd Basic auth, and through the
 * token service. Root only, like the other tests that run host tools.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SkopeoAcceptanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Path work;
  private OciLayoutFixture image;

  @BeforeAll
  void fixture() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "root only");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo not installed");
    work = Files.createTempDirectory("berth-skopeo");
    image = OciLayoutFixture.make(work, "1");
  }

  @AfterAll
  void cleanup() throws Exception {
    if (work != null) {
      TestRegistry.delete(work);
    }
  }

  /** skopeo with no stored credentials of its own; returns stdout, or fails the test. */
  private String skopeo(boolean mustSucceed, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("REGISTRY_AUTH_FILE", work.resolve("no-auth.json").toString());
    pb.environment().put("HOME", work.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("skopeo timed out: " + cmd);
    }
    if (mustSucceed) {
      assertThat(p.exitValue()).as(cmd + "\n" + out).isZero();
    } else {
      assertThat(p.exitValue()).as(cmd + "\n" + out).isNotZero();
    }
    return out;
  }

  private String src() {
    return "oci:" + image.dir() + ":1";
  }

  /** Push, inspect, list-tags and pull back; the digests must be the ones pushed. */
  private void roundTrip(TestRegistry r, String repo, List<String> creds) throws Exception {
    String ref = "docker://127.0.0.1:" + r.registry.port() + "/" + repo;
    List<String> push = new ArrayList<>(List.of("copy", "--dest-tls-verify=false"));
    creds.forEach(c -> push.addAll(List.of("--dest-creds", c)));
    List<String> pull = new ArrayList<>(List.of("--tls-verify=false"));
    creds.forEach(c -> pull.addAll(List.of("--creds", c)));
    for (String tag : List.of("1", "2")) {
      List<String> args = new ArrayList<>(push);
      args.addAll(List.of(src(), ref + ":" + tag));
      skopeo(true, args.toArray(String[]::new));
    }
    List<String> inspect = new ArrayList<>(List.of("inspect"));
    inspect.addAll(pull);
    inspect.add(ref + ":1");
    JsonNode info = JSON.readTree(skopeo(true, inspect.toArray(String[]::new)));
    assertThat(info.path("Digest").asText()).isEqualTo(image.manifest().toString());
    assertThat(info.path("Layers").get(0).asText()).isEqualTo(image.layer().toString());
    assertThat(info.path("RepoTags").toString()).isEqualTo("[\"1\",\"2\"]");
    List<String> tags = new ArrayList<>(List.of("list-tags"));
    tags.addAll(pull);
    tags.add(ref);
    JsonNode listed = JSON.readTree(skopeo(true, tags.toArray(String[]::new)));
    assertThat(listed.path("Tags").toString()).isEqualTo("[\"1\",\"2\"]");
    Path out = work.resolve("out-" + r.registry.port());
    List<String> back = new ArrayList<>(List.of("copy", "--src-tls-verify=false"));
    creds.forEach(c -> back.addAll(List.of("--src-creds", c)));
    back.addAll(List.of(ref + ":2", "oci:" + out + ":back"));
    skopeo(true, back.toArray(String[]::new));
    JsonNode index = JSON.readTree(out.resolve("index.json").toFile());
    assertThat(index.path("manifests").get(0).path("digest").asText())
        .isEqualTo(image.manifest().toString());
    assertThat(Files.exists(out.resolve("blobs/sha256/" + image.layer().hex()))).isTrue();
    assertThat(Files.exists(out.resolve("blobs/sha256/" + image.config().hex()))).isTrue();
  }

  @Test
  void copiesInAndOutWithoutAuth() throws Exception {
    try (TestRegistry r = new TestRegistry()) {
      roundTrip(r, "x/y", List.of());
    }
  }

  @Test
  void copiesInAndOutWithBasicAuth() throws Exception {
    Path users = HtpasswdTestSupport.htpasswd(work.resolve("basic"), "alice", "s3cret");
    try (TestRegistry r = new TestRegistry(c -> c.withBasicAuth(users))) {
      String ref = "docker://127.0.0.1:" + r.registry.port() + "/x/y:1";
      skopeo(false, "copy", "--dest-tls-verify=false", src(), ref);
      skopeo(false, "copy", "--dest-tls-verify=false", "--dest-creds", "alice:wrong", src(), ref);
      roundTrip(r, "x/y", List.of("alice:s3cret"));
    }
  }

  @Test
  void copiesInAndOutThroughTheTokenService() throws Exception {
    Path dir = work.resolve("token");
    Path users = HtpasswdTestSupport.htpasswd(dir, "alice", "s3cret", "bob", "hunter2");
    Path access = dir.resolve("access");
    Files.writeString(access, "alice  *         pull,push\n*      public/*  pull\n");
    try (TestRegistry r = new TestRegistry(c -> c.withTokenAuth(users, access, null))) {
      roundTrip(r, "public/app", List.of("alice:s3cret"));
      String base = "docker://127.0.0.1:" + r.registry.port();
      // anyone may pull public/*, nobody but alice may push
      JsonNode info = JSON.readTree(skopeo(true, "inspect", "--tls-verify=false", "--no-creds",
          base + "/public/app:1"));
      assertThat(info.path("Digest").asText()).isEqualTo(image.manifest().toString());
      skopeo(false, "copy", "--dest-tls-verify=false", "--dest-creds", "bob:hunter2", src(),
          base + "/public/app:3");
      skopeo(false, "copy", "--dest-tls-verify=false", "--dest-no-creds", src(),
          base + "/public/app:3");
      skopeo(false, "inspect", "--tls-verify=false", "--creds", "bob:hunter2",
          base + "/private/app:1");
      List<String> tags = new ArrayList<>();
      JSON.readTree(skopeo(true, "list-tags", "--tls-verify=false", "--no-creds",
          base + "/public/app")).path("Tags").forEach(t -> tags.add(t.asText()));
      assertThat(tags).containsExactly("1", "2");
    }
  }
}
