package dev.berth.cli.image;

/**
 * Image references as docker shows them: the familiar name ({@code busybox}, not
 * {@code docker.io/library/busybox}), split into repository and tag or digest.
 */
public final class References {
  private References() {}

  /** A reference split for display; tag or digest may be null. */
  public record Parts(String repository, String tag, String digest) {}

  public static Parts split(String ref) {
    String name = ref;
    String digest = null;
    int at = name.indexOf('@');
    if (at >= 0) {
      digest = name.substring(at + 1);
      name = name.substring(0, at);
    }
    String tag = null;
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
    }
    return new Parts(familiar(name), tag, digest);
  }

  /** docker.io/library/busybox → busybox; docker.io/user/app → user/app. */
  public static String familiar(String name) {
    if (name.startsWith("docker.io/library/")) {
      return name.substring("docker.io/library/".length());
    }
    if (name.startsWith("docker.io/")) {
      return name.substring("docker.io/".length());
    }
    return name;
  }

  /** docker's TruncateID: the hex without "sha256:", 12 characters. */
  public static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
