package dev.berth.engine.volume;

import dev.berth.error.BerthException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Docker's rule for local volume names, and the 64-hex names of anonymous volumes. */
final class VolumeNames {
  /** The name becomes a directory: nothing that could climb out of {@code volumes/}. */
  private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private VolumeNames() {}

  static String checked(String name) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw BerthException.invalid("create " + name + ": \"" + name + "\" includes invalid"
          + " characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed."
          + " If you intended to pass a host directory, use absolute path");
    }
    return name;
  }

  static String anonymous() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
