package dev.berth.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/search?q=&n=}: the only search registries offer (Docker Hub's index; the v2 API
 * has none). A registry without it answers 404, which is an error naming the registry.
 */
final class Searcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RegistryCaller caller;

  Searcher(RegistryCaller caller) {
    this.caller = caller;
  }

  List<SearchResult> search(String term, int limit) {
    String query = "/v1/search?q=" + URLEncoder.encode(term, StandardCharsets.UTF_8)
        + "&n=" + limit;
    HttpResponse<byte[]> r = caller.send(() -> HttpRequest.newBuilder(caller.endpoint()
        .resolve(query)).GET(), HttpResponse.BodyHandlers.ofByteArray(), List.of());
    if (r.statusCode() != 200) {
      throw RegistryCaller.error(r, "searching " + caller.endpoint().domain() + " for " + term);
    }
    List<SearchResult> out = new ArrayList<>();
    try {
      for (JsonNode n : JSON.readTree(r.body()).path("results")) {
        out.add(new SearchResult(n.path("name").asText(""), n.path("description").asText(""),
            n.path("star_count").asInt(0), n.path("is_official").asBoolean(false),
            n.path("is_automated").asBoolean(false)));
      }
    } catch (IOException e) {
      throw new RegistryException(502, "", "search answer of " + caller.endpoint().domain()
          + " is not JSON: " + e.getMessage());
    }
    return out.size() > limit ? out.subList(0, limit) : out;
  }
}
