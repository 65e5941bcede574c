package dev.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * A blocking client of the Docker Engine API. Every call opens its own connection, so calls
 * may run at once on several threads (run attaches, waits and starts concurrently). No
 * connection is made until the first call.
 */
public final class DockerClient {
  /** The API version berth speaks; DOCKER_API_VERSION overrides it as it does for docker. */
  public static final String API_VERSION = "1.44";

  private final DockerHost host;
  private final TlsOptions tlsOptions;
  private final String version;
  private SSLContext tls;

  public DockerClient(DockerHost host, TlsOptions tls, String apiVersion) {
    this.host = host;
    this.tlsOptions = tls;
    this.version = apiVersion == null || apiVersion.isEmpty() ? API_VERSION : apiVersion;
  }

  public DockerClient(DockerHost host) {
    this(host, TlsOptions.NONE, null);
  }

  public DockerHost host() {
    return host;
  }

  public String apiVersion() {
    return version;
  }

  /** GET and parse the JSON body. */
  public JsonNode get(String path, Query query) {
    return send(ApiRequest.get(path).query(query)).json();
  }

  public JsonNode get(String path) {
    return get(path, Query.NONE);
  }

  /** POST with an optional JSON body; returns the JSON answer, or null when there is none. */
  public JsonNode post(String path, Query query, JsonNode body) {
    ApiRequest r = ApiRequest.post(path).query(query);
    return send(body == null ? r : r.json(body)).json();
  }

  public JsonNode post(String path, Query query) {
    return post(path, query, null);
  }

  public void delete(String path, Query query) {
    send(ApiRequest.of("DELETE", path).query(query)).bytes();
  }

  /**
   * Sends a request and returns the response with its body unread, to stream it. Statuses of
   * 400 and above become an {@link ApiException} carrying the daemon's message.
   */
  public ApiResponse send(ApiRequest r) {
    Connection c = Connection.open(host, sslContext());
    try {
      HttpWire.writeRequest(c.out(), r.method(), target(r), hostHeader(), r.headers(), r.body(),
          r.stream());
      HttpWire.Head head = HttpWire.readHead(c.in());
      InputStream body = HttpWire.body(c.in(), head, r.method());
      if (head.status() >= 400) {
        byte[] b = body.readAllBytes();
        c.close();
        throw error(head, b, r);
      }
      return new ApiResponse(head.status(), head.headers(), body, c);
    } catch (IOException e) {
      c.close();
      throw new UncheckedIOException("error during connect: " + r.method() + " " + target(r)
          + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Attach and exec start: the request goes out with {@code Upgrade: tcp}; after the 101 the
   * connection carries raw bytes both ways.
   */
  public HijackedStream hijack(ApiRequest r) {
    Connection c = Connection.open(host, sslContext());
    try {
      ApiRequest up = r.header("Connection", "Upgrade").header("Upgrade", "tcp");
      if (up.body() == null) {
        up = up.body(new byte[0], "text/plain");
      }
      HttpWire.writeRequest(c.out(), up.method(), target(up), hostHeader(), up.headers(),
          up.body(), null);
      HttpWire.Head head = HttpWire.readHead(c.in());
      if (head.status() >= 400) {
        byte[] b = HttpWire.body(c.in(), head, up.method()).readAllBytes();
        c.close();
        throw error(head, b, r);
      }
      if (head.status() != 101 && head.status() != 200) {
        c.close();
        throw new UncheckedIOException(new IOException("unable to upgrade to tcp, received "
            + head.status()));
      }
      InputStream in = head.status() == 101 ? c.in() : HttpWire.body(c.in(), head, "POST");
      return new HijackedStream(c, in, head.headers().get("content-type"));
    } catch (IOException e) {
      c.close();
      throw new UncheckedIOException("error during connect: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private SSLContext sslContext() {
    if (!tlsOptions.enabled()) {
      return null;
    }
    if (tls == null) {
      tls = TlsContexts.of(tlsOptions);
    }
    return tls;
  }

  private String hostHeader() {
    return host instanceof DockerHost.Tcp t ? t.host() + ":" + t.port() : "api.moby.localhost";
  }

  private String target(ApiRequest r) {
    String q = r.query().encode();
    return "/v" + version + r.path() + (q.isEmpty() ? "" : "?" + q);
  }

  private ApiException error(HttpWire.Head head, byte[] body, ApiRequest r) {
    String type = head.headers().getOrDefault("content-type", "");
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (type.startsWith("application/json") && !text.isEmpty()) {
      try {
        JsonNode m = Json.parse(body).path("message");
        if (m.isTextual()) {
          return new ApiException(head.status(), m.asText());
        }
      } catch (java.io.UncheckedIOException e) {
        // not JSON after all: fall through to the raw text
      }
    }
    if (text.isEmpty()) {
      text = "request returned " + head.reason() + " for API route and version "
          + target(r) + ", check if the server supports the requested API version";
    }
    return new ApiException(head.status(), text);
  }

  /** Percent-encodes one path segment (a container name or id); keeps '/' and ':' of images. */
  public static String segment(String s) {
    var sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~:/@".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  /** Reads DOCKER_API_VERSION like docker does. */
  public static String apiVersionFrom(Map<String, String> env) {
    return env.getOrDefault("DOCKER_API_VERSION", "");
  }
}
