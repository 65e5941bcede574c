package dev.berth.cli.terminal;

import java.io.ByteArrayOutputStream;

/**
 * Docker's detach key sequence: comma-separated keys, each a single character or
 * {@code ctrl-<value>} with value one of a-z, @, [, \, ], ^, _ (default "ctrl-p,ctrl-q").
 */
public final class DetachKeys {
  public static final String DEFAULT = "ctrl-p,ctrl-q";

  private DetachKeys() {}

  public static byte[] parse(String spec) {
    String s = spec == null || spec.isEmpty() ? DEFAULT : spec;
    var out = new ByteArrayOutputStream();
    for (String key : s.split(",")) {
      if (key.length() > 1) {
        if (!key.toLowerCase(java.util.Locale.ROOT).startsWith("ctrl-") || key.length() != 6) {
          throw invalid(key);
        }
        char c = Character.toLowerCase(key.charAt(5));
        if (c >= 'a' && c <= 'z') {
          out.write(c - 'a' + 1);
        } else {
          int i = "@[\\]^_".indexOf(c);
          if (i < 0) {
            throw invalid(key);
          }
          out.write(i == 0 ? 0 : 27 + i - 1);
        }
      } else if (key.length() == 1) {
        out.write(key.charAt(0));
      } else {
        throw invalid(key);
      }
    }
    return out.toByteArray();
  }

  private static IllegalArgumentException invalid(String key) {
    return new IllegalArgumentException("Unknown character: '" + key + "'");
  }
}
