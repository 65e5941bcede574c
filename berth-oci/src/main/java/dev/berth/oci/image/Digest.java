package dev.berth.oci.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.berth.error.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A content digest {@code algorithm:hex}, e.g. {@code sha256:e3b0…}. Only {@code sha256} (64
 * lowercase hex digits) and {@code sha512} (128) are accepted; serialized as its string form.
 */
public record Digest(String algorithm, String hex) {
  public static final String SHA256 = "sha256";
  public static final String SHA512 = "sha512";

  public Digest {
    int length = switch (algorithm == null ? "" : algorithm) {
      case SHA256 -> 64;
      case SHA512 -> 128;
      default -> throw invalid(algorithm + ":" + hex, "unsupported algorithm \"" + algorithm
          + "\" (expected sha256 or sha512)");
    };
    if (hex == null || hex.length() != length) {
      throw invalid(algorithm + ":" + hex, algorithm + " needs " + length + " hex digits, got "
          + (hex == null ? 0 : hex.length()));
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw invalid(algorithm + ":" + hex, "character '" + c + "' at " + i
            + " is not lowercase hex");
      }
    }
  }

  /** Parses {@code algorithm:hex}; the error names the bad value and the reason. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Digest parse(String digest) {
    if (digest == null || digest.isEmpty()) {
      throw BerthException.invalid("invalid digest \"" + digest + "\": empty");
    }
    int colon = digest.indexOf(':');
    if (colon < 0) {
      throw invalid(digest, "missing ':' between algorithm and hex");
    }
    String algorithm = digest.substring(0, colon);
    String hex = digest.substring(colon + 1);
    if (!algorithm.equals(SHA256) && !algorithm.equals(SHA512)) {
      throw invalid(digest, "unsupported algorithm \"" + algorithm + "\" (expected sha256 or sha512)");
    }
    return new Digest(algorithm, hex);
  }

  /** The sha256 digest of {@code content}. */
  public static Digest of(byte[] content) {
    return new Digest(SHA256, HexFormat.of().formatHex(sha256().digest(content)));
  }

  /** The sha256 digest of everything left in {@code in}; does not close it. */
  public static Digest sha256(InputStream in) {
    MessageDigest md = sha256();
    byte[] buffer = new byte[64 * 1024];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw BerthException.system("reading content to digest: " + e.getMessage(), e);
    }
    return new Digest(SHA256, HexFormat.of().formatHex(md.digest()));
  }

  @JsonValue
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  private static BerthException invalid(String value, String reason) {
    return BerthException.invalid("invalid digest \"" + value + "\": " + reason);
  }
}
