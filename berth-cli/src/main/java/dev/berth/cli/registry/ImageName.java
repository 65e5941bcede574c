package dev.berth.cli.registry;

import dev.berth.cli.CliException;
import java.util.regex.Pattern;

/**
 * A reference normalised as docker's distribution/reference does it: {@code busybox} is
 * {@code docker.io/library/busybox}; a first component with a dot or colon, or
 * {@code localhost}, is a registry. Tag and digest may be null.
 */
record ImageName(String domain, String path, String tag, String digest) {
  static final String DOCKER_HUB = "docker.io";
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern DOMAIN = Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");

  static ImageName parse(String s) {
    String rest = s;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw invalid();
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid();
      }
    }
    String domain = DOCKER_HUB;
    String path = rest;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")
          || !first.toLowerCase(java.util.Locale.ROOT).equals(first)) {
        domain = first;
        path = rest.substring(slash + 1);
        if (!DOMAIN.matcher(domain).matches()) {
          throw invalid();
        }
      }
    }
    if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    for (String c : path.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) {
        if (COMPONENT.matcher(c.toLowerCase(java.util.Locale.ROOT)).matches()) {
          throw new CliException("invalid reference format: repository name (" + path
              + ") must be lowercase");
        }
        throw invalid();
      }
    }
    return new ImageName(domain, path, tag, digest);
  }

  private static CliException invalid() {
    return new CliException("invalid reference format");
  }

  boolean nameOnly() {
    return tag == null && digest == null;
  }

  ImageName withDefaultTag() {
    return nameOnly() ? new ImageName(domain, path, "latest", null) : this;
  }

  /** docker.io/library/busybox */
  String name() {
    return domain + "/" + path;
  }

  /** busybox, user/app, localhost:5000/app */
  String familiarName() {
    if (domain.equals(DOCKER_HUB)) {
      return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
    }
    return name();
  }

  /** The tag or digest as the API's {@code tag} parameter takes it (digest first). */
  String apiTag() {
    return digest != null ? digest : tag == null ? "" : tag;
  }

  private String suffix() {
    return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  @Override
  public String toString() {
    return name() + suffix();
  }

  String familiar() {
    return familiarName() + suffix();
  }
}
