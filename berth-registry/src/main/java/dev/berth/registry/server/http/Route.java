package dev.berth.registry.server.http;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which endpoint a path names. The repository name runs up to the last endpoint keyword, so a
 * name may itself contain {@code blobs} or {@code manifests} as a component.
 */
public record Route(Kind kind, String name, String reference) {
  public enum Kind { BASE, CATALOG, TOKEN, BLOB, UPLOADS, UPLOAD, MANIFEST, TAGS, REFERRERS, NONE }

  private record Shape(Kind kind, Pattern pattern) {}

  private static final List<Shape> SHAPES = List.of(
      new Shape(Kind.UPLOADS, Pattern.compile("/v2/(.+)/blobs/uploads/?")),
      new Shape(Kind.UPLOAD, Pattern.compile("/v2/(.+)/blobs/uploads/([^/]+)")),
      new Shape(Kind.BLOB, Pattern.compile("/v2/(.+)/blobs/([^/]+)")),
      new Shape(Kind.MANIFEST, Pattern.compile("/v2/(.+)/manifests/([^/]+)")),
      new Shape(Kind.TAGS, Pattern.compile("/v2/(.+)/tags/list")),
      new Shape(Kind.REFERRERS, Pattern.compile("/v2/(.+)/referrers/([^/]+)")));

  public static Route of(String path) {
    switch (path) {
      case "/v2", "/v2/" -> {
        return new Route(Kind.BASE, null, null);
      }
      case "/v2/_catalog" -> {
        return new Route(Kind.CATALOG, null, null);
      }
      case "/token" -> {
        return new Route(Kind.TOKEN, null, null);
      }
      default -> {}
    }
    for (Shape shape : SHAPES) {
      Matcher m = shape.pattern().matcher(path);
      if (m.matches()) {
        return new Route(shape.kind(), m.group(1), m.groupCount() > 1 ? m.group(2) : null);
      }
    }
    return new Route(Kind.NONE, null, null);
  }
}
