package dev.berth.api.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One API request as handlers see it: the decoded path without its version prefix, path and
 * query parameters, headers, and the body as a stream that arrives while the handler reads it.
 */
public final class Request {
  private final String method;
  private final String uri;
  private final String path;
  private final String apiVersion;
  private final Map<String, String> params;
  private final Map<String, List<String>> query;
  private final HttpHeaders headers;
  private final InputStream body;

  Request(String method, String uri, String path, String apiVersion, Map<String, String> params,
      Map<String, List<String>> query, HttpHeaders headers, InputStream body) {
    this.method = method;
    this.uri = uri;
    this.path = path;
    this.apiVersion = apiVersion;
    this.params = Map.copyOf(params);
    this.query = query;
    this.headers = headers;
    this.body = body;
  }

  public String method() {
    return method;
  }

  /** The request URI as sent (still encoded, with the version prefix and query). */
  public String uri() {
    return uri;
  }

  /** The decoded path without {@code /v1.xx}. */
  public String path() {
    return path;
  }

  /** The API version this request is served at: the asked one, at most {@link ApiVersion#MAX}. */
  public String apiVersion() {
    return apiVersion;
  }

  /** True when the request's version is below {@code version} (for the few shape changes). */
  public boolean apiBelow(String version) {
    return ApiVersion.compare(apiVersion, version) < 0;
  }

  /** A path parameter ({@code {name}} of the route); never null for the route's own names. */
  public String param(String name) {
    return params.get(name);
  }

  /** The first value of query parameter {@code name}, or null. */
  public String query(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.getFirst();
  }

  /** Every value of a repeated query parameter ({@code names=a&names=b}). */
  public List<String> queryAll(String name) {
    return query.getOrDefault(name, List.of());
  }

  public boolean hasQuery(String name) {
    return query.containsKey(name);
  }

  /** A query parameter as a bool the way moby's {@code BoolValue} reads one; absent is false. */
  public boolean bool(String name) {
    return bool(name, false);
  }

  public boolean bool(String name, boolean absent) {
    String v = query(name);
    if (v == null) {
      return absent;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "", "0", "no", "false", "none" -> false;
      default -> true;
    };
  }

  /** The {@code filters} parameter, map or list form, as key → values. */
  public Map<String, List<String>> filters() {
    return Filters.parse(query("filters"));
  }

  /** A header's value, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  public HttpHeaders headers() {
    return headers;
  }

  /** True when the client asked to upgrade the connection (hijacked attach and exec). */
  public boolean upgrade() {
    return headers.contains("Upgrade");
  }

  /** The body; chunked or not, it streams. Reading past its end gives -1. */
  public InputStream body() {
    return body;
  }
}
