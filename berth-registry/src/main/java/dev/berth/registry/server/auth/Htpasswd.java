package dev.berth.registry.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Users from an Apache htpasswd file; bcrypt entries only ({@code htpasswd -B}), as distribution
 * accepts: MD5 and SHA-1 entries are too weak to trust and are refused when the file is read.
 */
public final class Htpasswd {
  private final Map<String, byte[]> hashes;

  private Htpasswd(Map<String, byte[]> hashes) {
    this.hashes = Map.copyOf(hashes);
  }

  public static Htpasswd read(Path file) {
    Map<String, byte[]> hashes = new HashMap<>();
    try {
      int number = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        number++;
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(':');
        String hash = colon < 0 ? "" : line.substring(colon + 1);
        if (colon <= 0 || !hash.matches("\\$2[aby]\\$\\d\\d\\$.{53}")) {
          throw BerthException.invalid(file + ":" + number
              + ": not a bcrypt htpasswd entry (make one with htpasswd -B)");
        }
        hashes.put(line.substring(0, colon), hash.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw BerthException.invalid("reading htpasswd file " + file + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
    }
    return new Htpasswd(hashes);
  }

  public boolean check(String user, String password) {
    byte[] hash = hashes.get(user);
    if (hash == null) {
      return false;
    }
    return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash).verified;
  }
}
