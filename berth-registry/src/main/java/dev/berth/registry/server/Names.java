package dev.berth.registry.server;

import dev.berth.error.BerthException;
import dev.berth.oci.image.Digest;
import java.util.regex.Pattern;

/** The spec's grammar for repository names, tags and digests, checked at the edge. */
public final class Names {
  private static final Pattern NAME = Pattern.compile(
      "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  /** distribution's limit on a whole name, so paths on disk stay sane */
  private static final int MAX_NAME = 255;

  private Names() {}

  public static String repository(String name) {
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      throw new RegistryException(ErrorCode.NAME_INVALID, "invalid repository name \"" + name + "\"");
    }
    return name;
  }

  public static String tag(String tag) {
    if (!TAG.matcher(tag).matches()) {
      throw new RegistryException(ErrorCode.TAG_INVALID, "invalid tag \"" + tag + "\"");
    }
    return tag;
  }

  public static boolean isDigest(String reference) {
    return reference.indexOf(':') > 0;
  }

  public static Digest digest(String digest) {
    try {
      return Digest.parse(digest);
    } catch (BerthException e) {
      throw new RegistryException(ErrorCode.DIGEST_INVALID, e.getMessage());
    }
  }
}
