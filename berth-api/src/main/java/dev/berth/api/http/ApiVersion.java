package dev.berth.api.http;

import dev.berth.error.BerthException;

/**
 * The API versions berthd serves: Docker 25.0's 1.44 down to 1.24, every one with the same JSON
 * shapes (docker-api.md §1.4). A request for a newer version is served as 1.44, kinder than
 * moby's "too new" for users who pin {@code DOCKER_API_VERSION}.
 */
public final class ApiVersion {
  public static final String MAX = "1.44";
  public static final String MIN = "1.24";
  public static final String ENGINE_VERSION = "25.0.0";

  private ApiVersion() {}

  /** The version a request asked for ({@code null}: unversioned path) as the one it gets. */
  static String effective(String asked) {
    if (asked == null) {
      return MAX;
    }
    if (compare(asked, MIN) < 0) {
      throw BerthException.invalid("client version " + asked + " is too old. Minimum supported"
          + " API version is " + MIN + ", please upgrade your client to a newer version");
    }
    return compare(asked, MAX) > 0 ? MAX : asked;
  }

  /** Compares dotted versions numerically ({@code 1.9 < 1.24}); a missing part counts as 0. */
  public static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Long.compare(part(x, i), part(y, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static long part(String[] parts, int i) {
    if (i >= parts.length || parts[i].isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(parts[i]);
    } catch (NumberFormatException e) {
      throw BerthException.invalid("invalid API version \"" + String.join(".", parts) + "\"");
    }
  }
}
