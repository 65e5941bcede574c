package dev.berth.registry.server;

import dev.berth.oci.image.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** An in-process registry on a loopback port with a temporary root, and a small client for it. */
public final class TestRegistry implements AutoCloseable {
  public final Path root;
  public final Registry registry;
  public final String base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  public TestRegistry() throws Exception {
    this(c -> c);
  }

  public TestRegistry(UnaryOperator<RegistryConfig> configure) throws Exception {
    root = Files.createTempDirectory("berth-registry-test");
    Registry started;
    try {
      started = Registry.start(configure.apply(RegistryConfig.defaults(root.resolve("data"))));
    } catch (Exception e) {
      delete(root);
      throw e;
    }
    registry = started;
    base = "http://127.0.0.1:" + registry.port();
  }

  public HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
        : base + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", path, null, headers);
  }

  public static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** Pushes a blob monolithically (POST then PUT) and returns its digest. */
  public Digest pushBlob(String name, byte[] content) throws Exception {
    HttpResponse<byte[]> start = send("POST", "/v2/" + name + "/blobs/uploads/", null);
    if (start.statusCode() != 202) {
      throw new AssertionError("POST upload: " + start.statusCode() + " " + text(start));
    }
    Digest digest = Digest.of(content);
    String location = start.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> put = send("PUT", location + (location.contains("?") ? "&" : "?")
        + "digest=" + digest, content, "Content-Type", "application/octet-stream");
    if (put.statusCode() != 201) {
      throw new AssertionError("PUT upload: " + put.statusCode() + " " + text(put));
    }
    return digest;
  }

  public HttpResponse<byte[]> putManifest(String name, String reference, String mediaType,
      byte[] manifest) throws Exception {
    return send("PUT", "/v2/" + name + "/manifests/" + reference, manifest, "Content-Type",
        mediaType);
  }

  /** Every file under blobs/ and repositories/ with its size: what "nothing changed" compares. */
  public Map<String, Long> snapshot() throws IOException {
    Map<String, Long> files = new TreeMap<>();
    Path data = root.resolve("data");
    for (String dir : new String[] {"blobs", "repositories"}) {
      Path top = data.resolve(dir);
      if (!Files.exists(top)) {
        continue;
      }
      try (Stream<Path> paths = Files.walk(top)) {
        for (Path p : paths.filter(Files::isRegularFile).toList()) {
          files.put(data.relativize(p).toString(), Files.size(p));
        }
      }
    }
    return files;
  }

  @Override
  public void close() throws IOException {
    try {
      registry.close();
    } finally {
      delete(root);
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
