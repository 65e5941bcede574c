package dev.berth.api.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.TestDaemon;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry refusing credentials, as the docker v28 CLI sees it through berthd: the status and
 * words dockerd 20.10 (the anchor) gives for the same requests to Debian's docker-registry with
 * htpasswd. Measured on the anchor: pull without login and login with a wrong password are HTTP
 * 500; a push fails inside its stream, after Preparing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RegistryAuthErrorsTest {
  @TempDir Path tmp;
  private TestDaemon daemon;
  private Distribution registry;
  private String host;

  record Result(int code, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(TestDaemon.DOCKER)), "needs the docker CLI");
    assumeTrue(Files.isExecutable(Distribution.BINARY), "needs docker-registry");
    daemon = TestDaemon.start(tmp);
    registry = new Distribution(tmp.resolve("distribution"), true);
    host = registry.host;
    Files.createDirectory(tmp.resolve("docker-config"));
  }

  @AfterEach
  void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void refusedCredentialsGetDockerdsStatusAndWords() throws Exception {
    String name = host + "/dave/bb:v1";
    assertThat(docker("", "tag", "busybox", name).code()).isZero();

    Result pull = docker("", "pull", name);
    assertThat(pull.code()).isEqualTo(1);
    assertThat(pull.err()).isEqualTo("Error response from daemon: Head \"http://" + host
        + "/v2/dave/bb/manifests/v1\": no basic auth credentials\n");
    assertThat(api("POST", "/images/create?fromImage=" + host + "/dave/bb&tag=v1", "e30=", ""))
        .startsWith("HTTP/1.1 500 ").contains("{\"message\":\"Head \\\"http://" + host
            + "/v2/dave/bb/manifests/v1\\\": no basic auth credentials\"}");

    Result push = docker("", "push", name);
    assertThat(push.code()).isEqualTo(1);
    assertThat(push.out()).startsWith("The push refers to repository [" + host + "/dave/bb]\n")
        .containsPattern("[0-9a-f]{12}: Preparing\n");
    assertThat(push.err()).isEqualTo("no basic auth credentials\n");

    Result login = docker("bad", "login", host, "-u", "dave", "--password-stdin");
    assertThat(login.code()).isEqualTo(1);
    assertThat(login.err()).isEqualTo("Error response from daemon: login attempt to http://"
        + host + "/v2/ failed with status: 401 Unauthorized\n");
    assertThat(api("POST", "/auth", null, "{\"username\":\"dave\",\"password\":\"bad\","
        + "\"serveraddress\":\"" + host + "\"}")).startsWith("HTTP/1.1 500 ");

    // a wrong password sent along: the registry's own words, nothing added
    String wrong = Base64.getEncoder().encodeToString(("{\"username\":\"dave\",\"password\":"
        + "\"bad\",\"serveraddress\":\"" + host + "\"}").getBytes(UTF_8));
    assertThat(api("POST", "/images/create?fromImage=" + host + "/dave/bb&tag=v1", wrong, ""))
        .startsWith("HTTP/1.1 500 ")
        .contains("{\"message\":\"unauthorized: authentication required\"}");
    assertThat(api("POST", "/images/" + host + "/dave/bb/push?tag=v1", wrong, ""))
        .startsWith("HTTP/1.1 200 ").contains("\"status\":\"Preparing\"")
        .contains("{\"errorDetail\":{\"message\":\"unauthorized: authentication required\"},"
            + "\"error\":\"unauthorized: authentication required\"}");
  }

  /** The docker CLI with its own config dir and stdin. */
  private Result docker(String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(TestDaemon.DOCKER, "-H", "unix://"
        + daemon.socket));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_CONFIG", tmp.resolve("docker-config").toString());
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(UTF_8));
    }
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    byte[] out = p.getInputStream().readAllBytes();
    return new Result(p.waitFor(), new String(out, UTF_8), new String(err.get(), UTF_8));
  }

  /** A raw request to berthd; the whole response, head and body. */
  private String api(String method, String path, String registryAuth, String body)
      throws Exception {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(daemon.socket));
      byte[] b = body.getBytes(UTF_8);
      String head = method + " " + path + " HTTP/1.1\r\nHost: berth\r\nConnection: close\r\n"
          + (registryAuth == null ? "" : "X-Registry-Auth: " + registryAuth + "\r\n")
          + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n";
      var out = Channels.newOutputStream(ch);
      out.write(head.getBytes(UTF_8));
      out.write(b);
      out.flush();
      return new String(Channels.newInputStream(ch).readAllBytes(), UTF_8);
    }
  }
}
