package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.registry.server.TestRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to a registry whose CA is only in its certs.d directory, with a client pair beside it. */
class TlsContextsTest {
  @TempDir Path dir;

  private void openssl(Path key, Path cert, String cn, String... extra) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("openssl", "req",
        "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
        key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=" + cn));
    cmd.addAll(java.util.List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
  }

  private static RegistryClient client(TestRegistry r, SSLContext ssl) {
    String host = "127.0.0.1:" + r.registry.port();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(ssl).build();
    return new RegistryClient(new RegistryEndpoint(host, URI.create("https://" + host), http,
        false), Credentials.ANONYMOUS);
  }

  @Test
  void caFromTheRegistrysDirectoryIsTrustedAndAClientPairLoads() throws Exception {
    Path cert = dir.resolve("server.pem");
    Path key = dir.resolve("server-key.pem");
    openssl(key, cert, "127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
    try (TestRegistry r = new TestRegistry(c -> c.withTls(cert, key))) {
      Path certs = Files.createDirectories(dir.resolve("certs.d/127.0.0.1:" + r.registry.port()));
      Files.copy(cert, certs.resolve("ca.crt"));
      openssl(certs.resolve("client.key"), certs.resolve("client.cert"), "berth-client");
      client(r, TlsContexts.forDirectory(certs)).checkLogin();

      // the system trust store alone does not know this CA
      assertThatThrownBy(() -> client(r, TlsContexts.forDirectory(dir.resolve("none")))
          .checkLogin()).isInstanceOf(RegistryException.class);
    }
  }

  @Test
  void aClientCertificateWithoutItsKeyIsNamed() throws Exception {
    Path certs = Files.createDirectories(dir.resolve("certs.d/h:1"));
    openssl(dir.resolve("k.pem"), certs.resolve("client.cert"), "c");
    assertThatThrownBy(() -> TlsContexts.forDirectory(certs))
        .hasMessageContaining("client.cert").hasMessageContaining("client.key");
  }
}
