package dev.berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over TLS: a blob pushed and pulled back whole and in a range (chunked sends). */
class TlsTest {
  @TempDir
  Path dir;

  @Test
  void servesPushAndPullOverTls() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out",
        cert.toString(), "-days", "1", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
    openssl.getInputStream().readAllBytes();
    assertThat(openssl.waitFor()).isZero();
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry("registry",
          CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(ssl)
        .version(HttpClient.Version.HTTP_1_1).build();

    try (TestRegistry r = new TestRegistry(c -> c.withTls(cert, key))) {
      String base = "https://127.0.0.1:" + r.registry.port();
      byte[] blob = new byte[3 << 20];
      new Random(7).nextBytes(blob);
      Digest digest = Digest.of(blob);
      HttpResponse<byte[]> put = client.send(HttpRequest.newBuilder(URI.create(base
          + "/v2/t/l/blobs/uploads/?digest=" + digest)).POST(HttpRequest.BodyPublishers
          .ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(put.statusCode()).isEqualTo(201);
      HttpResponse<byte[]> get = client.send(HttpRequest.newBuilder(URI.create(base
          + "/v2/t/l/blobs/" + digest)).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(Digest.of(get.body())).isEqualTo(digest);
      HttpResponse<byte[]> range = client.send(HttpRequest.newBuilder(URI.create(base
          + "/v2/t/l/blobs/" + digest)).header("Range", "bytes=1000000-").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(range.statusCode()).isEqualTo(206);
      assertThat(range.body()).hasSize(blob.length - 1000000);
      assertThat(range.body()[0]).isEqualTo(blob[1000000]);
    }
  }
}
