package dev.berth.api.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes as moby registers them: {@code (method, pattern)} where a pattern segment {@code {name}}
 * matches one path segment and {@code {name:regex}} a regex ({@code {name:.*}} for image names
 * with slashes). Every route answers both at {@code /v{version}/…} and unversioned. Patterns
 * match the decoded path, so {@code %2F} in an image name is a slash. The first registered match
 * wins: register literal routes ({@code /images/json}) before patterns that could take them.
 */
public final class Router {
  private static final Pattern VERSIONED = Pattern.compile("^/v([0-9][0-9.]*)(/.*)$");
  private static final Pattern SEGMENT = Pattern.compile("\\{([A-Za-z0-9_]+)(?::([^}]*))?}");

  private final List<Route> routes = new CopyOnWriteArrayList<>();

  /** Registers {@code handler} for {@code method} (GET, HEAD, POST, PUT, DELETE) and pattern. */
  public Router add(String method, String pattern, Handler handler) {
    routes.add(compile(method, pattern, handler, false));
    return this;
  }

  /**
   * Registers a route whose handler may call {@link Response#hijack}: once its request body has
   * been read the connection stops being HTTP, and it is closed after the handler returns.
   */
  public Router addHijack(String method, String pattern, Handler handler) {
    routes.add(compile(method, pattern, handler, true));
    return this;
  }

  public Router get(String pattern, Handler handler) {
    return add("GET", pattern, handler);
  }

  public Router post(String pattern, Handler handler) {
    return add("POST", pattern, handler);
  }

  public Router delete(String pattern, Handler handler) {
    return add("DELETE", pattern, handler);
  }

  public Router head(String pattern, Handler handler) {
    return add("HEAD", pattern, handler);
  }

  public Router put(String pattern, Handler handler) {
    return add("PUT", pattern, handler);
  }

  /** Registers every route of {@code group}. */
  public Router register(RouteGroup group) {
    group.register(this);
    return this;
  }

  /**
   * The route for a decoded path, or null; the version ({@code null} when unversioned) and the
   * path parameters come with it.
   */
  Match match(String method, String decodedPath) {
    String version = null;
    String path = decodedPath;
    Matcher v = VERSIONED.matcher(decodedPath);
    if (v.matches()) {
      version = v.group(1);
      path = v.group(2);
    }
    for (Route r : routes) {
      if (!r.method().equals(method)) {
        continue;
      }
      Matcher m = r.regex().matcher(path);
      if (m.matches()) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < r.names().size(); i++) {
          params.put(r.names().get(i), m.group(i + 1));
        }
        return new Match(r, version, path, params);
      }
    }
    return new Match(null, version, path, Map.of());
  }

  /** A routing result; {@code route} is null when nothing matched. */
  record Match(Route route, String version, String path, Map<String, String> params) {
    Match {
      params = Map.copyOf(params);
    }
  }

  private static Route compile(String method, String pattern, Handler handler, boolean hijack) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
    }
    StringBuilder regex = new StringBuilder("^");
    List<String> names = new ArrayList<>();
    Matcher m = SEGMENT.matcher(pattern);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(pattern.substring(last, m.start())));
      names.add(m.group(1));
      regex.append('(').append(m.group(2) == null ? "[^/]+" : m.group(2)).append(')');
      last = m.end();
    }
    regex.append(Pattern.quote(pattern.substring(last))).append('$');
    return new Route(method, pattern, Pattern.compile(regex.toString()), names, handler, hijack);
  }
}
