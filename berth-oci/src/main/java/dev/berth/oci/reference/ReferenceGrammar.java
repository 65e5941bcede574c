package dev.berth.oci.reference;

import dev.berth.error.BerthException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reference grammar of Docker's distribution/reference, piece by piece:
 *
 * <pre>
 * reference        := name [ ":" tag ] [ "@" digest ]
 * name             := [domain "/"] path
 * domain           := host [":" port]            host := domain-name | "[" ipv6 "]"
 * domain-name      := component ("." component)*  component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
 * path             := path-component ("/" path-component)*
 * path-component   := [a-z0-9]+ (separator [a-z0-9]+)*   separator := [._] | "__" | "-"+
 * tag              := [\w][\w.-]{0,127}
 * digest           := algorithm ":" [0-9a-fA-F]{32,}
 * algorithm        := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)*
 * </pre>
 *
 * <p>The reference is split by hand (digest after the first '@', tag after a last ':' that follows
 * the last '/', domain before the first '/') and each piece matched alone; no piece may hold the
 * separator that ends it, so this accepts exactly what the whole-reference regular expression
 * accepts, in linear time. Quantifiers are possessive where what follows can never be part of the
 * run.
 */
final class ReferenceGrammar {
  static final int PATH_MAX = 255;

  private static final Pattern DOMAIN_COMPONENT =
      Pattern.compile("[a-zA-Z0-9]++(?:-++[a-zA-Z0-9]++)*+");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:"
              + DOMAIN_COMPONENT
              + "(?:\\."
              + DOMAIN_COMPONENT
              + ")*+|\\[[a-fA-F0-9:]++\\])(?::[0-9]++)?");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]++(?:(?:[._]|__|-++)[a-z0-9]++)*+");
  private static final Pattern PATH =
      Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*+");
  private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*+(?:[-_+.][A-Za-z][A-Za-z0-9]*+)*+:[0-9a-fA-F]{32,}+");
  private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]++");

  /** Hex length of each algorithm Docker can verify (go-digest with sha256 and sha512 linked). */
  private static final Map<String, Integer> HEX_LENGTH =
      Map.of("sha256", 64, "sha384", 96, "sha512", 128);

  private ReferenceGrammar() {}

  /** One reference split into its pieces; domain may be empty, tag and digest may be null. */
  record Parts(String domain, String path, String tag, String digest) {}

  /**
   * Splits and checks a reference that must carry its domain explicitly when it has one (Docker's
   * {@code reference.Parse}); returns null if it does not match the grammar.
   */
  static Parts split(String s) {
    String digest = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      digest = s.substring(at + 1);
      s = s.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        return null;
      }
    }
    String tag = null;
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      tag = s.substring(colon + 1);
      s = s.substring(0, colon);
      if (!isTag(tag)) {
        return null;
      }
    }
    // The domain is optional but tried first: a first component that is a valid domain is one.
    int slash = s.indexOf('/');
    if (slash >= 0
        && DOMAIN.matcher(s.substring(0, slash)).matches()
        && PATH.matcher(s.substring(slash + 1)).matches()) {
      return new Parts(s.substring(0, slash), s.substring(slash + 1), tag, digest);
    }
    return PATH.matcher(s).matches() ? new Parts("", s, tag, digest) : null;
  }

  static boolean isTag(String tag) {
    return TAG.matcher(tag).matches();
  }

  static boolean isImageId(String s) {
    return IMAGE_ID.matcher(s).matches();
  }

  /** Checks a digest as go-digest does; returns the reason it is refused, or null. */
  static String digestProblem(String digest) {
    int colon = digest.indexOf(':');
    if (colon <= 0 || colon == digest.length() - 1) {
      return "invalid checksum digest format";
    }
    Integer length = HEX_LENGTH.get(digest.substring(0, colon));
    if (length == null) {
      return DIGEST.matcher(digest).matches()
          ? "unsupported digest algorithm"
          : "invalid checksum digest format";
    }
    String hex = digest.substring(colon + 1);
    if (hex.length() != length) {
      return "invalid checksum digest length";
    }
    return LOWER_HEX.matcher(hex).matches() ? null : "invalid checksum digest format";
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static BerthException invalid(String reason, String input) {
    return BerthException.invalid(reason + ": \"" + input + "\"");
  }
}
