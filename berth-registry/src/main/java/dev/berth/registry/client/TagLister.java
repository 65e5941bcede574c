package dev.berth.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /v2/<name>/tags/list}, following {@code Link: <…>; rel="next"} pages. */
final class TagLister {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private final RegistryCaller caller;

  TagLister(RegistryCaller caller) {
    this.caller = caller;
  }

  List<String> list(String repository) {
    List<String> tags = new ArrayList<>();
    URI next = caller.endpoint().resolve("/v2/" + repository + "/tags/list");
    while (next != null) {
      URI page = next;
      HttpResponse<byte[]> r = caller.send(() -> HttpRequest.newBuilder(page).GET(),
          HttpResponse.BodyHandlers.ofByteArray(), Scopes.pull(repository));
      if (r.statusCode() != 200) {
        throw RegistryCaller.error(r, "listing tags of " + repository);
      }
      try {
        for (JsonNode t : JSON.readTree(r.body()).path("tags")) {
          tags.add(t.asText());
        }
      } catch (IOException e) {
        throw new RegistryException(502, "", "listing tags of " + repository
            + ": not JSON: " + e.getMessage());
      }
      Matcher m = NEXT.matcher(r.headers().firstValue("Link").orElse(""));
      next = m.find() ? page.resolve(m.group(1)) : null;
    }
    return tags;
  }
}
