package dev.berth.api.image;

import dev.berth.api.http.Json;
import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.error.BerthException;
import dev.berth.registry.client.RegistryClient;
import dev.berth.registry.client.RegistryHosts;
import dev.berth.registry.client.SearchResult;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /images/search?term=&limit=&filters=}: the registry's v1 search (Docker Hub's index
 * for unqualified terms; {@code host[:port]/term} asks that registry). Filters {@code stars},
 * {@code is-official} and {@code is-automated} as Docker applies them.
 */
final class SearchRoute {
  private final RegistryHosts hosts;

  SearchRoute(RegistryHosts hosts) {
    this.hosts = hosts;
  }

  void handle(Request req, Response res) {
    String term = req.query("term");
    if (term == null || term.isEmpty()) {
      throw BerthException.invalid("search term is required");
    }
    String domain = "docker.io";
    int slash = term.indexOf('/');
    if (slash > 0) {
      String first = term.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        domain = first.equals("index.docker.io") ? "docker.io" : first;
        term = term.substring(slash + 1);
      }
    }
    int limit = 25;
    String l = req.query("limit");
    if (l != null && !l.isEmpty()) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        throw BerthException.invalid("invalid limit \"" + l + "\"");
      }
      if (limit < 1 || limit > 100) {
        throw BerthException.invalid("limit " + limit + " is outside the range of [1, 100]");
      }
    }
    Map<String, List<String>> filters = req.filters();
    int stars = filters.getOrDefault("stars", List.of()).stream()
        .mapToInt(SearchRoute::number).max().orElse(0);
    Boolean official = bool(filters, "is-official");
    Boolean automated = bool(filters, "is-automated");
    for (String key : filters.keySet()) {
      if (!List.of("stars", "is-official", "is-automated").contains(key)) {
        throw BerthException.invalid("invalid filter '" + key + "'");
      }
    }
    RegistryClient client = new RegistryClient(hosts.searchEndpoint(domain),
        RegistryAuth.fromHeader(req.header("X-Registry-Auth")).credentials());
    List<Map<String, Object>> out = client.search(term, limit).stream()
        .filter(r -> r.starCount() >= stars)
        .filter(r -> official == null || r.official() == official)
        .filter(r -> automated == null || r.automated() == automated)
        .map(SearchRoute::json).toList();
    res.json(200, out);
  }

  private static Map<String, Object> json(SearchResult r) {
    return Json.object("star_count", r.starCount(), "is_official", r.official(), "name",
        r.name(), "is_automated", r.automated(), "description", r.description());
  }

  private static int number(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw BerthException.invalid("invalid filter 'stars=" + v + "'");
    }
  }

  private static Boolean bool(Map<String, List<String>> filters, String key) {
    List<String> v = filters.get(key);
    if (v == null || v.isEmpty()) {
      return null;
    }
    return switch (v.getLast()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw BerthException.invalid("invalid filter '" + key + "=" + v.getLast() + "'");
    };
  }
}
