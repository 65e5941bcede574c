package dev.berth.registry.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.Names;
import dev.berth.registry.server.RegistryException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Content discovery: tags list and catalog (sorted, paged with {@code n} and {@code last} and a
 * {@code Link: <…>; rel="next"} header), and the referrers of a digest with the optional
 * {@code artifactType} filter.
 */
final class ListingEndpoints {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Services s;

  ListingEndpoints(Services s) {
    this.s = s;
  }

  Reply tags(Request request, String name) throws IOException {
    if (!s.repositories().exists(name)) {
      throw new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + name + " unknown");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("name", name);
    return page(request, "/v2/" + name + "/tags/list", s.repositories().tags(name), body, "tags");
  }

  Reply catalog(Request request) throws IOException {
    return page(request, "/v2/_catalog", s.repositories().catalog(), JSON.createObjectNode(),
        "repositories");
  }

  Reply referrers(Request request, String name, String reference) throws IOException {
    Digest subject = Names.digest(reference);
    String artifactType = request.param("artifactType");
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = index.putArray("manifests");
    for (byte[] descriptor : s.repositories().referrers(name, subject)) {
      JsonNode d = JSON.readTree(descriptor);
      if (artifactType == null || artifactType.equals(d.path("artifactType").asText())) {
        manifests.add(d);
      }
    }
    Reply reply = Reply.json(200, JSON.writeValueAsBytes(index), MediaTypes.OCI_INDEX);
    return artifactType == null ? reply : reply.header("OCI-Filters-Applied", "artifactType");
  }

  private static Reply page(Request request, String path, List<String> all, ObjectNode body,
      String field) throws IOException {
    String last = request.param("last");
    int n = Integer.MAX_VALUE;
    if (request.param("n") != null) {
      try {
        n = Integer.parseInt(request.param("n"));
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        throw new RegistryException(ErrorCode.PAGINATION_NUMBER_INVALID, "invalid n \""
            + request.param("n") + "\"");
      }
    }
    List<String> after = last == null ? all
        : all.stream().filter(t -> t.compareTo(last) > 0).toList();
    List<String> page = after.subList(0, Math.min(n, after.size()));
    ArrayNode list = body.putArray(field);
    page.forEach(list::add);
    Reply reply = Reply.json(200, JSON.writeValueAsBytes(body), "application/json");
    if (page.size() < after.size() && !page.isEmpty()) {
      reply.header("Link", "<" + path + "?n=" + n + "&last="
          + URLEncoder.encode(page.getLast(), StandardCharsets.UTF_8) + ">; rel=\"next\"");
    }
    return reply;
  }
}
