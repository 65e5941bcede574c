package dev.berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each bad request gets the spec's status and code, and the stores stay exactly as they were. */
class BadInputTest {
  private static final String NAME = "bad/input";
  private TestRegistry r;
  private byte[] config;
  private byte[] layer;
  private Map<String, Long> before;

  @BeforeEach
  void setup() throws Exception {
    r = new TestRegistry(c -> c.withLimits(1024, 1 << 20, 0));
    config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    layer = "the layer".getBytes(StandardCharsets.UTF_8);
    r.pushBlob(NAME, config);
    r.pushBlob(NAME, layer);
    r.putManifest(NAME, "v1", MediaTypes.OCI_MANIFEST, TestImages.manifest(Digest.of(config),
        config.length, Digest.of(layer), layer.length));
    before = r.snapshot();
  }

  @AfterEach
  void teardown() throws Exception {
    r.close();
  }

  private void assertError(HttpResponse<byte[]> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).as(TestRegistry.text(response)).isEqualTo(status);
    assertThat(TestRegistry.text(response)).contains("\"code\":\"" + code + "\"");
    assertThat(r.snapshot()).isEqualTo(before);
  }

  @Test
  void blobWhoseBytesDoNotMatchItsDigestIsDigestInvalidAndNotStored() throws Exception {
    byte[] claimed = "what the digest says".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> post = r.send("POST", "/v2/" + NAME + "/blobs/uploads/?digest="
        + Digest.of(claimed), "something else".getBytes(StandardCharsets.UTF_8));
    assertError(post, 400, "DIGEST_INVALID");
    assertThat(r.get("/v2/" + NAME + "/blobs/" + Digest.of(claimed)).statusCode()).isEqualTo(404);
  }

  @Test
  void chunkedUploadWithAWrongDigestIsDigestInvalid() throws Exception {
    String location = r.send("POST", "/v2/" + NAME + "/blobs/uploads/", null).headers()
        .firstValue("Location").orElseThrow();
    r.send("PATCH", location, "partial".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> put = r.send("PUT", location + "?digest=" + Digest.of(layer), null);
    assertError(put, 400, "DIGEST_INVALID");
  }

  @Test
  void malformedDigestIsDigestInvalid() throws Exception {
    assertError(r.send("POST", "/v2/" + NAME + "/blobs/uploads/?digest=sha256:xyz", "x"
        .getBytes(StandardCharsets.UTF_8)), 400, "DIGEST_INVALID");
    assertError(r.get("/v2/" + NAME + "/blobs/md5:abc"), 400, "DIGEST_INVALID");
  }

  @Test
  void manifestReferencingUnknownBlobsIsManifestBlobUnknown() throws Exception {
    Digest unknown = Digest.of("never uploaded".getBytes(StandardCharsets.UTF_8));
    byte[] m = TestImages.manifest(Digest.of(config), config.length, unknown, 14);
    assertError(r.putManifest(NAME, "v2", MediaTypes.OCI_MANIFEST, m), 400,
        "MANIFEST_BLOB_UNKNOWN");
    assertThat(r.get("/v2/" + NAME + "/manifests/v2").statusCode()).isEqualTo(404);
  }

  @Test
  void blobOfAnotherRepositoryIsUnknownToAManifestHere() throws Exception {
    byte[] m = TestImages.manifest(Digest.of(config), config.length, Digest.of(layer),
        layer.length);
    assertError(r.putManifest("bad/elsewhere", "v1", MediaTypes.OCI_MANIFEST, m), 400,
        "MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void manifestThatIsNotJsonIsManifestInvalid() throws Exception {
    assertError(r.putManifest(NAME, "v2", MediaTypes.OCI_MANIFEST,
        "{not json".getBytes(StandardCharsets.UTF_8)), 400, "MANIFEST_INVALID");
    assertError(r.putManifest(NAME, "v2", MediaTypes.OCI_MANIFEST,
        "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8)), 400, "MANIFEST_INVALID");
  }

  @Test
  void manifestPutByAWrongDigestIsDigestInvalid() throws Exception {
    byte[] m = TestImages.manifest(Digest.of(config), config.length, null, 0);
    assertError(r.putManifest(NAME, Digest.of(layer).toString(), MediaTypes.OCI_MANIFEST, m),
        400, "DIGEST_INVALID");
  }

  @Test
  void oversizedManifestIs413() throws Exception {
    byte[] big = new byte[2048];
    Arrays.fill(big, (byte) ' ');
    byte[] m = TestImages.manifest(Digest.of(config), config.length, null, 0);
    System.arraycopy(m, 0, big, 0, m.length);
    assertError(r.putManifest(NAME, "big", MediaTypes.OCI_MANIFEST, big), 413, "SIZE_INVALID");
  }

  @Test
  void invalidNamesAndTagsAreNameInvalidAndTagInvalid() throws Exception {
    byte[] m = TestImages.manifest(Digest.of(config), config.length, null, 0);
    assertError(r.putManifest("Bad/UPPER", "v1", MediaTypes.OCI_MANIFEST, m), 400,
        "NAME_INVALID");
    assertError(r.send("POST", "/v2/a..b/blobs/uploads/", null), 400, "NAME_INVALID");
    assertError(r.putManifest(NAME, "-leading-dash", MediaTypes.OCI_MANIFEST, m), 400,
        "TAG_INVALID");
    assertError(r.putManifest(NAME, "x".repeat(129), MediaTypes.OCI_MANIFEST, m), 400,
        "TAG_INVALID");
  }

  @Test
  void outOfOrderChunkIs416AndTheUploadKeepsItsBytes() throws Exception {
    String location = r.send("POST", "/v2/" + NAME + "/blobs/uploads/", null).headers()
        .firstValue("Location").orElseThrow();
    r.send("PATCH", location, "0123".getBytes(StandardCharsets.UTF_8), "Content-Range", "0-3");
    HttpResponse<byte[]> gap = r.send("PATCH", location, "89".getBytes(StandardCharsets.UTF_8),
        "Content-Range", "8-9");
    assertError(gap, 416, "RANGE_INVALID");
    assertThat(r.get(location).headers().firstValue("Range")).hasValue("0-3");
  }

  @Test
  void truncatedPatchIsRolledBackSoTheClientCanResume() throws Exception {
    String location = r.send("POST", "/v2/" + NAME + "/blobs/uploads/", null).headers()
        .firstValue("Location").orElseThrow();
    r.send("PATCH", location, "0123".getBytes(StandardCharsets.UTF_8));
    // a PATCH that promises 100 bytes and hangs up after 10
    try (Socket s = new Socket("127.0.0.1", r.registry.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("PATCH " + location + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
          + "Content-Range: 4-103\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
      assertThat(s.getInputStream().readAllBytes()).isEmpty(); // no answer, the server hung up
    }
    // the status waits for the request that held the upload, so it sees the rollback
    assertThat(r.get(location).headers().firstValue("Range")).hasValue("0-3");
    byte[] rest = "4567".getBytes(StandardCharsets.UTF_8);
    assertThat(r.send("PATCH", location, rest, "Content-Range", "4-7").statusCode())
        .isEqualTo(202);
    Digest whole = Digest.of("01234567".getBytes(StandardCharsets.UTF_8));
    assertThat(r.send("PUT", location + "?digest=" + whole, null).statusCode()).isEqualTo(201);
  }

  @Test
  void bodyOverTheLimitIs413AndNothingIsKept() throws Exception {
    byte[] big = new byte[(1 << 20) + 1];
    HttpResponse<byte[]> post = r.send("POST", "/v2/" + NAME + "/blobs/uploads/?digest="
        + Digest.of(big), big);
    assertError(post, 413, "SIZE_INVALID");
  }

  @Test
  void unknownUploadIsBlobUploadUnknown() throws Exception {
    assertError(r.send("PATCH", "/v2/" + NAME + "/blobs/uploads/not-a-session",
        "x".getBytes(StandardCharsets.UTF_8)), 404, "BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void unsupportedMethodIs405() throws Exception {
    assertError(r.send("POST", "/v2/" + NAME + "/manifests/v1", null), 405, "UNSUPPORTED");
  }

  @Test
  void malformedHttpIsAnsweredAndClosed() throws Exception {
    try (Socket s = new Socket("127.0.0.1", r.registry.port())) {
      s.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400");
    }
    assertThat(r.snapshot()).isEqualTo(before);
  }

  @Test
  void brokenChunkedBodyIsRefusedAndNothingIsStored() throws Exception {
    byte[] whole = "0123456789".getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", r.registry.port())) {
      OutputStream out = s.getOutputStream();
      // one good chunk, then a chunk size that is not hex
      out.write(("POST /v2/" + NAME + "/blobs/uploads/?digest=" + Digest.of(whole)
          + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "a\r\n0123456789\r\nzz\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400");
    }
    assertThat(r.get("/v2/" + NAME + "/blobs/" + Digest.of(whole)).statusCode()).isEqualTo(404);
    assertThat(r.snapshot()).isEqualTo(before);
  }
}
