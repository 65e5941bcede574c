package dev.berth.registry.server.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * A request's head as the endpoints see it.
 *
 * @param base {@code scheme://host[:port]} as the client addressed us
 */
public record Request(String method, String path, Map<String, List<String>> query,
    HttpHeaders headers, String base) {

  public String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  public List<String> params(String name) {
    return query.getOrDefault(name, List.of());
  }

  public String header(String name) {
    return headers.get(name);
  }

  public boolean head() {
    return method.equals("HEAD");
  }
}
