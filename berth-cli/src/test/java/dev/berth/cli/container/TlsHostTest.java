package dev.berth.cli.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.http.TlsFiles;
import dev.berth.cli.Berthd;
import dev.berth.cli.Berthd.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The global host flags: -H tcp:// with --tlsverify and client certificates (flags, and
 * DOCKER_TLS_VERIFY + DOCKER_CERT_PATH), BERTH_HOST before DOCKER_HOST, and a refused client.
 */
class TlsHostTest {
  @TempDir Path tmp;
  private Berthd d;
  private String address;
  private Path certs;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "needs openssl");
    certs = Files.createDirectories(tmp.resolve("certs"));
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
        "/CN=test-ca", "-keyout", "ca-key.pem", "-out", "ca.pem");
    issue("server", "subjectAltName=IP:127.0.0.1", "extendedKeyUsage=serverAuth");
    issue("client", "extendedKeyUsage=clientAuth", "keyUsage=digitalSignature");
    d = Berthd.start(tmp);
    address = d.serveTls(new TlsFiles(certs.resolve("ca.pem"), certs.resolve("server-cert.pem"),
        certs.resolve("server-key.pem"), true));
  }

  @AfterEach
  void stop() throws Exception {
    if (d != null) {
      d.close();
    }
  }

  private void issue(String who, String... extensions) throws Exception {
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out",
        who + "-key.pem");
    openssl("req", "-new", "-key", who + "-key.pem", "-subj", "/CN=" + who, "-out",
        who + ".csr");
    Files.writeString(certs.resolve(who + ".ext"), String.join("\n", extensions) + "\n");
    openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
        "-CAcreateserial", "-days", "1", "-extfile", who + ".ext", "-out", who + "-cert.pem");
  }

  private void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(certs.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void tlsVerifyWithClientCertificatesFromFlagsOrEnvironment() throws Exception {
    Result flags = Berthd.berthRaw(Map.of(), "-H", address, "--tlsverify",
        "--tlscacert", certs.resolve("ca.pem").toString(),
        "--tlscert", certs.resolve("client-cert.pem").toString(),
        "--tlskey", certs.resolve("client-key.pem").toString(),
        "run", "--rm", "--network", "none", "busybox", "echo", "over tls");
    assertThat(flags.code()).as(flags.err()).isZero();
    assertThat(flags.out()).isEqualTo("over tls\n");

    Files.copy(certs.resolve("client-cert.pem"), certs.resolve("cert.pem"));
    Files.copy(certs.resolve("client-key.pem"), certs.resolve("key.pem"));
    Result env = Berthd.berthRaw(Map.of("DOCKER_HOST", address, "DOCKER_TLS_VERIFY", "1",
        "DOCKER_CERT_PATH", certs.toString()), "ps", "-a", "--format", "{{.Image}}");
    assertThat(env.code()).as(env.err()).isZero();

    Result noCert = Berthd.berthRaw(Map.of(), "-H", address, "--tlsverify", "--tlscacert",
        certs.resolve("ca.pem").toString(), "ps");
    assertThat(noCert.code()).isEqualTo(1);
    assertThat(noCert.err()).isNotEmpty();
  }

  @Test
  void berthHostComesBeforeDockerHost() throws Exception {
    Result r = Berthd.berthRaw(Map.of("BERTH_HOST", d.host(), "DOCKER_HOST",
        "unix:///nonexistent.sock"), "ps", "-q");
    assertThat(r.code()).as(r.err()).isZero();
    Result down = Berthd.berthRaw(Map.of("DOCKER_HOST", "unix:///nonexistent.sock"), "ps");
    assertThat(down.code()).isEqualTo(1);
    assertThat(down.err()).isEqualTo("Cannot connect to the Berth daemon at"
        + " unix:///nonexistent.sock. Is the berth daemon running?\n");
  }
}
