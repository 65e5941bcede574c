package dev.berth.registry.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.TestImages;
import dev.berth.registry.server.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Conformance: push (streamed, monolithic, chunked uploads, cross-repository mount, manifests). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConformancePushTest {
  private static final String NAME = "conformance/push";
  private static final String OTHER = "conformance/cross-mount";
  private TestRegistry r;
  private final byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
  private final byte[] layer = "a layer's bytes, pushed several ways".getBytes(StandardCharsets.UTF_8);
  private final byte[] chunked = new byte[3000];
  private String chunkLocation;

  @BeforeAll
  void setup() throws Exception {
    r = new TestRegistry();
    for (int i = 0; i < chunked.length; i++) {
      chunked[i] = (byte) (i * 31);
    }
  }

  @AfterAll
  void teardown() throws Exception {
    if (r != null) {
      r.close();
    }
  }

  private static String with(String location, String query) {
    return location + (location.contains("?") ? "&" : "?") + query;
  }

  @Test
  @Order(1)
  void streamedUploadPatchThenPut() throws Exception {
    HttpResponse<byte[]> post = r.send("POST", "/v2/" + NAME + "/blobs/uploads/", null);
    assertThat(post.statusCode()).isEqualTo(202);
    String location = post.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> patch = r.send("PATCH", location, layer, "Content-Type",
        "application/octet-stream");
    assertThat(patch.statusCode()).isEqualTo(202);
    assertThat(patch.headers().firstValue("Range")).hasValue("0-" + (layer.length - 1));
    location = patch.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> put = r.send("PUT", with(location, "digest=" + Digest.of(layer)), null);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Location").orElseThrow())
        .endsWith("/v2/" + NAME + "/blobs/" + Digest.of(layer));
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(layer).toString());
  }

  @Test
  @Order(2)
  void monolithicPostWithDigestIs201AndTheBlobIsThere() throws Exception {
    byte[] blob = "monolithic in one POST".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.of(blob);
    assertThat(r.get("/v2/" + NAME + "/blobs/" + digest).statusCode()).isEqualTo(404);
    HttpResponse<byte[]> post = r.send("POST", "/v2/" + NAME + "/blobs/uploads/?digest=" + digest,
        blob, "Content-Type", "application/octet-stream");
    assertThat(post.statusCode()).isEqualTo(201);
    assertThat(r.get("/v2/" + NAME + "/blobs/" + digest).body()).isEqualTo(blob);
  }

  @Test
  @Order(3)
  void monolithicPostThenPutIs201() throws Exception {
    Digest digest = r.pushBlob(NAME, config);
    HttpResponse<byte[]> get = r.get("/v2/" + NAME + "/blobs/" + digest);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(config);
  }

  @Test
  @Order(10)
  void chunkedOutOfOrderIs416() throws Exception {
    HttpResponse<byte[]> post = r.send("POST", "/v2/" + NAME + "/blobs/uploads/", null);
    chunkLocation = post.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> patch = r.send("PATCH", chunkLocation,
        Arrays.copyOfRange(chunked, 1000, 2000), "Content-Type", "application/octet-stream",
        "Content-Range", "1000-1999");
    assertThat(patch.statusCode()).isEqualTo(416);
  }

  @Test
  @Order(11)
  void chunkedFirstChunkIs202() throws Exception {
    HttpResponse<byte[]> patch = r.send("PATCH", chunkLocation,
        Arrays.copyOfRange(chunked, 0, 1000), "Content-Type", "application/octet-stream",
        "Content-Range", "0-999");
    assertThat(patch.statusCode()).isEqualTo(202);
    assertThat(patch.headers().firstValue("Range")).hasValue("0-999");
    chunkLocation = patch.headers().firstValue("Location").orElseThrow();
  }

  @Test
  @Order(12)
  void chunkedRetryOfThePreviousChunkIs416() throws Exception {
    HttpResponse<byte[]> patch = r.send("PATCH", chunkLocation,
        Arrays.copyOfRange(chunked, 0, 1000), "Content-Type", "application/octet-stream",
        "Content-Range", "0-999");
    assertThat(patch.statusCode()).isEqualTo(416);
  }

  @Test
  @Order(13)
  void uploadStatusIs204WithRangeAndLocation() throws Exception {
    HttpResponse<byte[]> status = r.get(chunkLocation);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(status.headers().firstValue("Range")).hasValue("0-999");
    assertThat(status.headers().firstValue("Location")).isPresent();
  }

  @Test
  @Order(14)
  void chunkedSecondChunkIs202() throws Exception {
    HttpResponse<byte[]> patch = r.send("PATCH", chunkLocation,
        Arrays.copyOfRange(chunked, 1000, 2000), "Content-Type", "application/octet-stream",
        "Content-Range", "1000-1999");
    assertThat(patch.statusCode()).isEqualTo(202);
    chunkLocation = patch.headers().firstValue("Location").orElseThrow();
  }

  @Test
  @Order(15)
  void chunkedPutWithTheLastChunkIs201() throws Exception {
    HttpResponse<byte[]> put = r.send("PUT", with(chunkLocation, "digest=" + Digest.of(chunked)),
        Arrays.copyOfRange(chunked, 2000, 3000), "Content-Type", "application/octet-stream",
        "Content-Range", "2000-2999");
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(r.get("/v2/" + NAME + "/blobs/" + Digest.of(chunked)).body()).isEqualTo(chunked);
  }

  @Test
  @Order(20)
  void mountWithoutFromYieldsASession() throws Exception {
    HttpResponse<byte[]> post = r.send("POST", "/v2/" + OTHER + "/blobs/uploads/?mount="
        + Digest.of(layer), null);
    assertThat(post.statusCode()).isEqualTo(202);
    assertThat(post.headers().firstValue("Location").orElseThrow()).contains("/blobs/uploads/");
  }

  @Test
  @Order(21)
  void mountFromAnotherRepositoryIs201() throws Exception {
    HttpResponse<byte[]> post = r.send("POST", "/v2/" + OTHER + "/blobs/uploads/?mount="
        + Digest.of(layer) + "&from=" + NAME, null);
    assertThat(post.statusCode()).isEqualTo(201);
    assertThat(post.headers().firstValue("Docker-Content-Digest"))
        .hasValue(Digest.of(layer).toString());
    assertThat(r.get("/v2/" + OTHER + "/blobs/" + Digest.of(layer)).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(22)
  void mountOfANonexistentBlobFallsBackToAnUpload() throws Exception {
    Digest missing = Digest.of("never pushed".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> post = r.send("POST", "/v2/" + OTHER + "/blobs/uploads/?mount="
        + missing + "&from=" + NAME, null);
    assertThat(post.statusCode()).isEqualTo(202);
    assertThat(post.headers().firstValue("Location")).isPresent();
  }

  @Test
  @Order(30)
  void getNonexistentManifestIs404() throws Exception {
    assertThat(r.get("/v2/" + NAME + "/manifests/nope").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(31)
  void putManifestIs201WithLocationAndDigest() throws Exception {
    byte[] m = TestImages.manifest(Digest.of(config), config.length, Digest.of(layer),
        layer.length);
    for (String tag : new String[] {"tagtest0", "tagtest1"}) {
      HttpResponse<byte[]> put = r.putManifest(NAME, tag, MediaTypes.OCI_MANIFEST, m);
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(put.headers().firstValue("Location").orElseThrow())
          .endsWith("/v2/" + NAME + "/manifests/" + Digest.of(m));
      assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(m).toString());
    }
  }

  @Test
  @Order(32)
  void putManifestWithNoLayersIs201() throws Exception {
    byte[] m = TestImages.manifest(Digest.of(config), config.length, null, 0);
    assertThat(r.putManifest(NAME, "emptylayer", MediaTypes.OCI_MANIFEST, m).statusCode())
        .isEqualTo(201);
  }

  @Test
  @Order(33)
  void getManifestByDigestIs200() throws Exception {
    byte[] m = TestImages.manifest(Digest.of(config), config.length, Digest.of(layer),
        layer.length);
    assertThat(r.get("/v2/" + NAME + "/manifests/" + Digest.of(m)).body()).isEqualTo(m);
  }

  @Test
  @Order(34)
  void putIndexOfKnownManifestsIs201() throws Exception {
    byte[] m = TestImages.manifest(Digest.of(config), config.length, Digest.of(layer),
        layer.length);
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
        + "\",\"manifests\":[" + TestImages.descriptor(MediaTypes.OCI_MANIFEST, Digest.of(m),
        m.length) + "]}").getBytes(StandardCharsets.UTF_8);
    assertThat(r.putManifest(NAME, "index", MediaTypes.OCI_INDEX, index).statusCode())
        .isEqualTo(201);
    assertThat(r.get("/v2/" + NAME + "/manifests/index").headers().firstValue("Content-Type"))
        .hasValue(MediaTypes.OCI_INDEX);
  }

  @Test
  @Order(40)
  void cancelledUploadIsGone() throws Exception {
    HttpResponse<byte[]> post = r.send("POST", "/v2/" + NAME + "/blobs/uploads/", null);
    String location = post.headers().firstValue("Location").orElseThrow();
    assertThat(r.send("DELETE", location, null).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> status = r.get(location);
    assertThat(status.statusCode()).isEqualTo(404);
    assertThat(TestRegistry.text(status)).contains("BLOB_UPLOAD_UNKNOWN");
  }
}
