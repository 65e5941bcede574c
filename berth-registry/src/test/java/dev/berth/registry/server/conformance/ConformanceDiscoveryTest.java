package dev.berth.registry.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.TestImages;
import dev.berth.registry.server.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Conformance: content discovery (tags list with paging, referrers with artifactType filter). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConformanceDiscoveryTest {
  private static final String NAME = "conformance/discovery";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TAGS = List.of("a", "b", "c", "d", "e");
  private TestRegistry r;
  private byte[] subject;
  private byte[] refA;
  private byte[] refB;

  @BeforeAll
  void setup() throws Exception {
    r = new TestRegistry();
    byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    r.pushBlob(NAME, config);
    r.pushBlob(NAME, layer);
    r.pushBlob(NAME, empty);
    subject = TestImages.manifest(Digest.of(config), config.length, Digest.of(layer), layer.length);
    for (String tag : TAGS) {
      assertThat(r.putManifest(NAME, tag, MediaTypes.OCI_MANIFEST, subject).statusCode())
          .isEqualTo(201);
    }
    refA = TestImages.referrer("application/vnd.example.sbom", Digest.of(empty),
        Digest.of(subject), subject.length, "one");
    refB = TestImages.referrer("application/vnd.example.signature", Digest.of(empty),
        Digest.of(subject), subject.length, "two");
    for (byte[] ref : new byte[][] {refA, refB}) {
      HttpResponse<byte[]> put = r.putManifest(NAME, Digest.of(ref).toString(),
          MediaTypes.OCI_MANIFEST, ref);
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(put.headers().firstValue("OCI-Subject")).hasValue(Digest.of(subject).toString());
    }
  }

  @AfterAll
  void teardown() throws Exception {
    if (r != null) {
      r.close();
    }
  }

  private List<String> tags(HttpResponse<byte[]> response) throws Exception {
    List<String> out = new ArrayList<>();
    JSON.readTree(response.body()).path("tags").forEach(t -> out.add(t.asText()));
    return out;
  }

  @Test
  @Order(1)
  void listTagsIs200WithAllTagsSorted() throws Exception {
    HttpResponse<byte[]> list = r.get("/v2/" + NAME + "/tags/list");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(list.body()).path("name").asText()).isEqualTo(NAME);
    assertThat(tags(list)).isEqualTo(TAGS);
  }

  @Test
  @Order(2)
  void tagsAreLimitedByN() throws Exception {
    HttpResponse<byte[]> list = r.get("/v2/" + NAME + "/tags/list?n=2");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(tags(list)).containsExactly("a", "b");
    assertThat(list.headers().firstValue("Link"))
        .hasValue("</v2/" + NAME + "/tags/list?n=2&last=b>; rel=\"next\"");
  }

  @Test
  @Order(3)
  void tagsStartAfterLast() throws Exception {
    HttpResponse<byte[]> list = r.get("/v2/" + NAME + "/tags/list?n=2&last=b");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(tags(list)).containsExactly("c", "d");
    HttpResponse<byte[]> end = r.get("/v2/" + NAME + "/tags/list?n=2&last=d");
    assertThat(tags(end)).containsExactly("e");
    assertThat(end.headers().firstValue("Link")).isEmpty();
  }

  @Test
  @Order(4)
  void tagsOfAnUnknownRepositoryAre404NameUnknown() throws Exception {
    HttpResponse<byte[]> list = r.get("/v2/no/such/repo/tags/list");
    assertThat(list.statusCode()).isEqualTo(404);
    assertThat(TestRegistry.text(list)).contains("NAME_UNKNOWN");
  }

  @Test
  @Order(10)
  void referrersOfAnUnknownDigestAreAnEmptyIndex() throws Exception {
    Digest unknown = Digest.of("nothing refers to me".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> list = r.get("/v2/" + NAME + "/referrers/" + unknown);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
    JsonNode index = JSON.readTree(list.body());
    assertThat(index.path("schemaVersion").asInt()).isEqualTo(2);
    assertThat(index.path("manifests").isArray()).isTrue();
    assertThat(index.path("manifests")).isEmpty();
  }

  @Test
  @Order(11)
  void referrersListBothWithArtifactTypeAndAnnotations() throws Exception {
    HttpResponse<byte[]> list = r.get("/v2/" + NAME + "/referrers/" + Digest.of(subject));
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode manifests = JSON.readTree(list.body()).path("manifests");
    assertThat(manifests).hasSize(2);
    List<String> digests = new ArrayList<>();
    for (JsonNode d : manifests) {
      digests.add(d.path("digest").asText());
      assertThat(d.path("artifactType").asText()).startsWith("application/vnd.example.");
      assertThat(d.path("annotations").path("org.example.note").asText()).isIn("one", "two");
      assertThat(d.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }
    assertThat(digests).containsExactlyInAnyOrder(Digest.of(refA).toString(),
        Digest.of(refB).toString());
    assertThat(list.headers().firstValue("OCI-Filters-Applied")).isEmpty();
  }

  @Test
  @Order(12)
  void referrersFilteredByArtifactType() throws Exception {
    HttpResponse<byte[]> list = r.get("/v2/" + NAME + "/referrers/" + Digest.of(subject)
        + "?artifactType=application/vnd.example.sbom");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
    JsonNode manifests = JSON.readTree(list.body()).path("manifests");
    assertThat(manifests).hasSize(1);
    assertThat(manifests.get(0).path("digest").asText()).isEqualTo(Digest.of(refA).toString());
  }

  @Test
  @Order(13)
  void referrersInAnUnknownRepositoryAreAnEmptyIndex() throws Exception {
    HttpResponse<byte[]> list = r.get("/v2/missing/repo/referrers/" + Digest.of(subject));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(list.body()).path("manifests")).isEmpty();
  }

  @Test
  @Order(14)
  void deletingAReferrerTakesItOffTheList() throws Exception {
    assertThat(r.send("DELETE", "/v2/" + NAME + "/manifests/" + Digest.of(refB), null)
        .statusCode()).isEqualTo(202);
    JsonNode manifests = JSON.readTree(r.get("/v2/" + NAME + "/referrers/" + Digest.of(subject))
        .body()).path("manifests");
    assertThat(manifests).hasSize(1);
  }

  @Test
  @Order(20)
  void catalogListsRepositoriesWithPaging() throws Exception {
    r.putManifest("conformance/other", "x", MediaTypes.OCI_MANIFEST, subject);
    HttpResponse<byte[]> all = r.get("/v2/_catalog");
    assertThat(all.statusCode()).isEqualTo(200);
    JsonNode repos = JSON.readTree(all.body()).path("repositories");
    assertThat(repos.toString()).isEqualTo("[\"" + NAME + "\"]");
    HttpResponse<byte[]> page = r.get("/v2/_catalog?n=0");
    assertThat(JSON.readTree(page.body()).path("repositories")).isEmpty();
  }
}
