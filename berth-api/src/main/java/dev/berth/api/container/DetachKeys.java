package dev.berth.api.container;

import dev.berth.error.BerthException;
import java.io.ByteArrayOutputStream;

/**
 * Docker's detach sequence on an attached stdin ({@code --detach-keys}, default
 * {@code ctrl-p,ctrl-q}): keys are single characters or {@code ctrl-<x>} for a letter or one
 * of {@code @ [ \ ] ^ _}. Bytes of a sequence that then breaks off are passed on as typed.
 */
final class DetachKeys {
  static final String DEFAULT = "ctrl-p,ctrl-q";
  private final byte[] keys;
  private int matched;

  private DetachKeys(byte[] keys) {
    this.keys = keys;
  }

  /** null or empty: the default sequence. */
  static DetachKeys parse(String spec) {
    String s = spec == null || spec.isEmpty() ? DEFAULT : spec;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String key : s.split(",")) {
      String k = key.strip();
      if (k.length() == 1) {
        out.write(k.charAt(0));
      } else if (k.startsWith("ctrl-") && k.length() == 6) {
        char c = Character.toLowerCase(k.charAt(5));
        if (c >= 'a' && c <= 'z') {
          out.write(c - 'a' + 1);
        } else if ("@[\\]^_".indexOf(c) >= 0) {
          out.write("@[\\]^_".indexOf(c) == 0 ? 0 : 27 + "[\\]^_".indexOf(c));
        } else {
          throw BerthException.invalid("Invalid detach keys (" + s + ") provided");
        }
      } else {
        throw BerthException.invalid("Invalid detach keys (" + s + ") provided");
      }
    }
    return new DetachKeys(out.toByteArray());
  }

  /** What one read from the client comes to: bytes for stdin, and whether to detach. */
  record Scan(byte[] forward, boolean detach) {}

  /** Feeds {@code n} bytes of {@code buf} through the matcher. */
  Scan scan(byte[] buf, int n) {
    ByteArrayOutputStream forward = new ByteArrayOutputStream(n);
    for (int i = 0; i < n; i++) {
      byte b = buf[i];
      if (b == keys[matched]) {
        matched++;
        if (matched == keys.length) {
          matched = 0;
          return new Scan(forward.toByteArray(), true);
        }
        continue;
      }
      // a broken-off sequence: what was held back is input after all
      forward.write(keys, 0, matched);
      matched = 0;
      if (b == keys[0]) {
        matched = 1;
      } else {
        forward.write(b);
      }
    }
    return new Scan(forward.toByteArray(), false);
  }
}
