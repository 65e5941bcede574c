package dev.berth.registry.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.TestImages;
import dev.berth.registry.server.TestRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Conformance: content management (tag delete, manifest delete, blob delete). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConformanceManagementTest {
  private static final String NAME = "conformance/management";
  private static final ObjectMapper JSON = new ObjectMapper();
  private TestRegistry r;
  private final byte[] config = "{\"os\":\"linux\",\"m\":1}".getBytes(StandardCharsets.UTF_8);
  private final byte[] layer = "management layer".getBytes(StandardCharsets.UTF_8);
  private byte[] manifest;

  @BeforeAll
  void setup() throws Exception {
    r = new TestRegistry();
    r.pushBlob(NAME, config);
    r.pushBlob(NAME, layer);
    manifest = TestImages.manifest(Digest.of(config), config.length, Digest.of(layer),
        layer.length);
    for (String tag : new String[] {"tagtest0", "tagtest1"}) {
      assertThat(r.putManifest(NAME, tag, MediaTypes.OCI_MANIFEST, manifest).statusCode())
          .isEqualTo(201);
    }
  }

  @AfterAll
  void teardown() throws Exception {
    if (r != null) {
      r.close();
    }
  }

  private int tagCount() throws Exception {
    return JSON.readTree(r.get("/v2/" + NAME + "/tags/list").body()).path("tags").size();
  }

  @Test
  @Order(1)
  void deleteTagIs202AndOnlyThatTagGoes() throws Exception {
    assertThat(tagCount()).isEqualTo(2);
    assertThat(r.send("DELETE", "/v2/" + NAME + "/manifests/tagtest0", null).statusCode())
        .isEqualTo(202);
    assertThat(r.get("/v2/" + NAME + "/manifests/tagtest0").statusCode()).isEqualTo(404);
    assertThat(r.get("/v2/" + NAME + "/manifests/" + Digest.of(manifest)).statusCode())
        .isEqualTo(200);
    assertThat(tagCount()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void deleteManifestByDigestIs202() throws Exception {
    assertThat(r.send("DELETE", "/v2/" + NAME + "/manifests/" + Digest.of(manifest), null)
        .statusCode()).isEqualTo(202);
  }

  @Test
  @Order(3)
  void deletedManifestIs404AndItsTagsWentWithIt() throws Exception {
    assertThat(r.get("/v2/" + NAME + "/manifests/" + Digest.of(manifest)).statusCode())
        .isEqualTo(404);
    assertThat(r.get("/v2/" + NAME + "/manifests/tagtest1").statusCode()).isEqualTo(404);
    assertThat(tagCount()).isZero();
    assertThat(r.send("DELETE", "/v2/" + NAME + "/manifests/" + Digest.of(manifest), null)
        .statusCode()).isEqualTo(404);
  }

  @Test
  @Order(10)
  void deleteBlobIs202ThenGetIs404() throws Exception {
    for (byte[] blob : new byte[][] {config, layer}) {
      assertThat(r.send("DELETE", "/v2/" + NAME + "/blobs/" + Digest.of(blob), null)
          .statusCode()).isEqualTo(202);
      assertThat(r.get("/v2/" + NAME + "/blobs/" + Digest.of(blob)).statusCode()).isEqualTo(404);
    }
    assertThat(r.send("DELETE", "/v2/" + NAME + "/blobs/" + Digest.of(layer), null)
        .statusCode()).isEqualTo(404);
  }
}
