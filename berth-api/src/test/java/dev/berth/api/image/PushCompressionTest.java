package dev.berth.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.TestDaemon;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed image pushed with the docker CLI to docker-registry goes gzip-compressed, as docker
 * sends it: every layer blob in the registry is gzip whose content is the layer's diff_id. A
 * second push finds the compressed blobs it remembers and sends nothing; the image pulls into a
 * fresh daemon and runs.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PushCompressionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void committedLayersArePushedGzippedAndOnlyOnce() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(TestDaemon.DOCKER)), "needs the docker CLI");
    assumeTrue(Files.isExecutable(Distribution.BINARY), "needs docker-registry");
    try (Distribution registry = new Distribution(tmp.resolve("distribution"), false);
        TestDaemon a = TestDaemon.start(Files.createDirectory(tmp.resolve("a")))) {
      String name = registry.host + "/team/committed:1";
      TestDaemon.Result run = a.docker("run", "--name", "maker", "--network", "none", "busybox",
          "sh", "-c", "echo made here > /hello");
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(a.docker("commit", "maker", name).code()).isZero();
      TestDaemon.Result push = a.docker("push", name);
      assertThat(push.code()).as(push.err()).isZero();
      assertThat(push.out()).contains("Pushed").doesNotContain("Layer already exists");

      HttpClient http = HttpClient.newHttpClient();
      String base = "http://" + registry.host + "/v2/team/committed/";
      JsonNode manifest = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base
          + "manifests/1")).header("Accept", MediaTypes.OCI_MANIFEST + ", "
          + MediaTypes.DOCKER_MANIFEST).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
      JsonNode config = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "blobs/"
          + manifest.path("config").path("digest").asText())).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body());
      JsonNode layers = manifest.path("layers");
      JsonNode diffIds = config.path("rootfs").path("diff_ids");
      assertThat(layers.size()).isEqualTo(2).isEqualTo(diffIds.size());
      for (int i = 0; i < layers.size(); i++) {
        JsonNode l = layers.get(i);
        assertThat(l.path("mediaType").asText()).isIn(MediaTypes.OCI_LAYER_GZIP,
            MediaTypes.DOCKER_LAYER_GZIP);
        byte[] blob = http.send(HttpRequest.newBuilder(URI.create(base + "blobs/"
            + l.path("digest").asText())).build(), HttpResponse.BodyHandlers.ofByteArray())
            .body();
        assertThat(blob.length).isEqualTo(l.path("size").asLong());
        assertThat(Digest.of(blob).toString()).isEqualTo(l.path("digest").asText());
        assertThat(blob[0] & 0xff).isEqualTo(0x1f); // gzip's magic
        assertThat(blob[1] & 0xff).isEqualTo(0x8b);
        try (InputStream plain = new GZIPInputStream(new java.io.ByteArrayInputStream(blob))) {
          assertThat(Digest.sha256(plain).toString()).isEqualTo(diffIds.get(i).asText());
        }
      }

      TestDaemon.Result again = a.docker("push", name);
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.out()).contains("Layer already exists").doesNotContain("Pushed")
          .doesNotContain("Pushing");
      assertThat(again.out()).containsPattern("1: digest: sha256:[0-9a-f]{64}");
      assertThat(again.out().lines().filter(l -> l.endsWith(": Layer already exists")).count())
          .isEqualTo(2);

      try (TestDaemon b = TestDaemon.start(Files.createDirectory(tmp.resolve("b")))) {
        TestDaemon.Result pull = b.docker("pull", name);
        assertThat(pull.code()).as(pull.err()).isZero();
        TestDaemon.Result cat = b.docker("run", "--rm", "--network", "none", name, "cat",
            "/hello");
        assertThat(cat.code()).as(cat.err()).isZero();
        assertThat(cat.out()).isEqualTo("made here\n");
      }
    }
  }
}
