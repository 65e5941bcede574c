package dev.berth.registry.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.TestImages;
import dev.berth.registry.server.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Conformance: pull (setup pushes two manifests, a layer and two configs, then reads them). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConformancePullTest {
  private static final String NAME = "conformance/pull";
  private TestRegistry r;
  private final byte[] config0 = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":0}".getBytes(StandardCharsets.UTF_8);
  private final byte[] config1 = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
  private final byte[] layer = "pretend this is a gzipped tar".getBytes(StandardCharsets.UTF_8);
  private byte[] manifest0;
  private byte[] manifest1;

  @BeforeAll
  void setup() throws Exception {
    r = new TestRegistry();
    Digest c0 = r.pushBlob(NAME, config0);
    Digest c1 = r.pushBlob(NAME, config1);
    Digest l = r.pushBlob(NAME, layer);
    manifest0 = TestImages.manifest(c0, config0.length, l, layer.length);
    manifest1 = TestImages.manifest(c1, config1.length, l, layer.length);
    assertThat(r.putManifest(NAME, Digest.of(manifest0).toString(), MediaTypes.OCI_MANIFEST,
        manifest0).statusCode()).isEqualTo(201);
    assertThat(r.putManifest(NAME, "tagtest0", MediaTypes.OCI_MANIFEST, manifest1).statusCode())
        .isEqualTo(201);
  }

  @AfterAll
  void teardown() throws Exception {
    if (r != null) {
      r.close();
    }
  }

  @Test
  @Order(1)
  void headNonexistentBlobIs404() throws Exception {
    Digest missing = Digest.of("nope".getBytes(StandardCharsets.UTF_8));
    assertThat(r.send("HEAD", "/v2/" + NAME + "/blobs/" + missing, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(2)
  void headExistingBlobIs200WithLength() throws Exception {
    HttpResponse<byte[]> head = r.send("HEAD", "/v2/" + NAME + "/blobs/" + Digest.of(config0),
        null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue("" + config0.length);
    assertThat(head.headers().firstValue("Docker-Content-Digest"))
        .hasValue(Digest.of(config0).toString());
  }

  @Test
  @Order(3)
  void getNonexistentBlobIs404WithBlobUnknown() throws Exception {
    Digest missing = Digest.of("nope".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> get = r.get("/v2/" + NAME + "/blobs/" + missing);
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(TestRegistry.text(get)).contains("BLOB_UNKNOWN");
  }

  @Test
  @Order(4)
  void getExistingBlobIs200WithItsBytes() throws Exception {
    HttpResponse<byte[]> get = r.get("/v2/" + NAME + "/blobs/" + Digest.of(layer));
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(layer);
  }

  @Test
  @Order(5)
  void getBlobRangeIs206WithTheSlice() throws Exception {
    HttpResponse<byte[]> get = r.get("/v2/" + NAME + "/blobs/" + Digest.of(layer), "Range",
        "bytes=3-7");
    assertThat(get.statusCode()).isEqualTo(206);
    assertThat(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo("tend ");
    assertThat(get.headers().firstValue("Content-Range")).hasValue("bytes 3-7/" + layer.length);
  }

  @Test
  @Order(10)
  void headNonexistentManifestIs404() throws Exception {
    assertThat(r.send("HEAD", "/v2/" + NAME + "/manifests/nonexistent", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(11)
  void headManifestByDigestIs200() throws Exception {
    for (byte[] m : new byte[][] {manifest0, manifest1}) {
      HttpResponse<byte[]> head = r.send("HEAD", "/v2/" + NAME + "/manifests/" + Digest.of(m),
          null);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(m).toString());
      assertThat(head.headers().firstValue("Content-Length")).hasValue("" + m.length);
    }
  }

  @Test
  @Order(12)
  void headManifestByTagIs200() throws Exception {
    HttpResponse<byte[]> head = r.send("HEAD", "/v2/" + NAME + "/manifests/tagtest0", null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Docker-Content-Digest"))
        .hasValue(Digest.of(manifest1).toString());
  }

  @Test
  @Order(13)
  void getNonexistentManifestIs404WithManifestUnknown() throws Exception {
    HttpResponse<byte[]> get = r.get("/v2/" + NAME + "/manifests/nonexistent");
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(TestRegistry.text(get)).contains("MANIFEST_UNKNOWN");
  }

  @Test
  @Order(14)
  void getManifestByDigestReturnsTheExactBytesAndType() throws Exception {
    for (byte[] m : new byte[][] {manifest0, manifest1}) {
      HttpResponse<byte[]> get = r.get("/v2/" + NAME + "/manifests/" + Digest.of(m), "Accept",
          MediaTypes.OCI_MANIFEST);
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).isEqualTo(m);
      assertThat(get.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_MANIFEST);
    }
  }

  @Test
  @Order(15)
  void getManifestByTagIs200() throws Exception {
    HttpResponse<byte[]> get = r.get("/v2/" + NAME + "/manifests/tagtest0");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(manifest1);
  }

  @Test
  @Order(20)
  void errorBodiesAreOciJson() throws Exception {
    HttpResponse<byte[]> get = r.get("/v2/" + NAME + "/manifests/.INVALID_MANIFEST_NAME");
    assertThat(get.statusCode()).isIn(400, 404);
    assertThat(TestRegistry.text(get)).matches("(?s)\\{\"errors\":\\[\\{\"code\":\"[A-Z_]+\","
        + "\"message\":\".*\",\"detail\":\\{}}]}");
    assertThat(get.headers().firstValue("Docker-Distribution-API-Version"))
        .hasValue("registry/2.0");
  }

  @Test
  @Order(30)
  void teardownDeletesManifestsAndBlobs() throws Exception {
    for (byte[] m : new byte[][] {manifest0, manifest1}) {
      assertThat(r.send("DELETE", "/v2/" + NAME + "/manifests/" + Digest.of(m), null)
          .statusCode()).isEqualTo(202);
    }
    for (byte[] b : new byte[][] {config0, config1, layer}) {
      assertThat(r.send("DELETE", "/v2/" + NAME + "/blobs/" + Digest.of(b), null).statusCode())
          .isEqualTo(202);
    }
    assertThat(r.get("/v2/" + NAME + "/manifests/tagtest0").statusCode()).isEqualTo(404);
  }
}
