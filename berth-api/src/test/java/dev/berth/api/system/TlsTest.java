package dev.berth.api.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.http.HttpServer;
import dev.berth.api.http.ListenAddress;
import dev.berth.api.http.Router;
import dev.berth.api.http.TlsFiles;
import dev.berth.image.ImageService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berthd on TCP with TLS and client certificates, driven by the real docker CLI with
 * {@code --tlsverify}: a client with a certificate from the CA gets in, one without does not.
 * Certificates are made by openssl in the test.
 */
class TlsTest {
  private static final String DOCKER = "/usr/local/bin/docker";

  @TempDir Path tmp;
  private HttpServer server;
  private ImageService images;
  private String address;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(DOCKER)), "needs the docker CLI");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "needs openssl");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (image store)");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test-ca",
        "-keyout", "ca-key.pem", "-out", "ca.pem");
    issue("server", "subjectAltName=IP:127.0.0.1", "extendedKeyUsage=serverAuth");
    issue("client", "extendedKeyUsage=clientAuth", "keyUsage=digitalSignature");
    images = ImageService.open(tmp.resolve("root"));
    Router router = new Router().register(new SystemRoutes(images, ContainerCounts.NONE,
        tmp.resolve("root")));
    server = HttpServer.start(router, List.of(ListenAddress.parse("tcp://127.0.0.1:0")),
        new TlsFiles(tmp.resolve("ca.pem"), tmp.resolve("server-cert.pem"),
            tmp.resolve("server-key.pem"), true));
    address = server.addresses().stream().filter(a -> a.startsWith("tcp://")).findFirst()
        .orElseThrow();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (images != null) {
      images.close();
    }
  }

  /** A key and a certificate signed by the test CA, with the given extensions. */
  private void issue(String who, String... extensions) throws Exception {
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out",
        who + "-key.pem");
    openssl("req", "-new", "-key", who + "-key.pem", "-subj", "/CN=" + who, "-out", who + ".csr");
    Files.writeString(tmp.resolve(who + ".ext"), String.join("\n", extensions) + "\n");
    openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
        "-CAcreateserial", "-days", "1", "-extfile", who + ".ext", "-out", who + "-cert.pem");
  }

  private void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  private record Result(int code, String out) {}

  private Result docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", address));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("DOCKER_HOST");
    pb.environment().put("DOCKER_CONFIG", tmp.resolve("docker-config").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    return new Result(p.waitFor(), out);
  }

  @Test
  void aClientWithACertificateFromTheCaGetsIn() throws Exception {
    Result ok = docker("--tlsverify", "--tlscacert", tmp.resolve("ca.pem").toString(),
        "--tlscert", tmp.resolve("client-cert.pem").toString(), "--tlskey",
        tmp.resolve("client-key.pem").toString(), "version", "--format", "{{.Server.Version}}");
    assertThat(ok.out()).isEqualTo("25.0.0\n");
    assertThat(ok.code()).isZero();
  }

  @Test
  void aClientWithoutACertificateIsTurnedAway() throws Exception {
    Result refused = docker("--tlsverify", "--tlscacert", tmp.resolve("ca.pem").toString(),
        "version", "--format", "{{.Server.Version}}");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.out()).doesNotContain("25.0.0");
  }
}
