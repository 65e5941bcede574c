package dev.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One API call. {@code path} is unversioned ({@code /containers/json}); the client adds
 * {@code /v1.44}. A body is either bytes (sent with Content-Length) or a stream (sent chunked,
 * for load, import and cp).
 */
public record ApiRequest(String method, String path, Query query, Map<String, String> headers,
    byte[] body, InputStream stream) {

  public ApiRequest {
    headers = Map.copyOf(headers);
  }

  public static ApiRequest of(String method, String path) {
    return new ApiRequest(method, path, Query.NONE, Map.of(), null, null);
  }

  public static ApiRequest get(String path) {
    return of("GET", path);
  }

  public static ApiRequest post(String path) {
    return of("POST", path);
  }

  public ApiRequest query(Query q) {
    return new ApiRequest(method, path, q, headers, body, stream);
  }

  public ApiRequest header(String name, String value) {
    var h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiRequest(method, path, query, h, body, stream);
  }

  public ApiRequest json(JsonNode node) {
    byte[] b = JsonWriter.write(node).getBytes(StandardCharsets.UTF_8);
    return new ApiRequest(method, path, query, headers, b, null)
        .header("Content-Type", "application/json");
  }

  public ApiRequest body(byte[] bytes, String contentType) {
    return new ApiRequest(method, path, query, headers, bytes, null)
        .header("Content-Type", contentType);
  }

  /** A request body read from {@code in} until EOF and sent chunked. */
  public ApiRequest stream(InputStream in, String contentType) {
    return new ApiRequest(method, path, query, headers, null, in)
        .header("Content-Type", contentType);
  }
}
