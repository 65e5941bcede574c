package dev.berth.engine;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves {@code docker run -u} ({@code user}, {@code uid}, {@code user:group}, {@code uid:gid})
 * against the container's own /etc/passwd and /etc/group, as Docker does. Numbers need no entry.
 */
final class UserLookup {
  private UserLookup() {}

  /** {uid, gid}; {@code spec} null or empty is root. */
  static long[] resolve(Path rootfs, String spec) {
    if (spec == null || spec.isEmpty()) {
      return new long[] {0, 0};
    }
    int colon = spec.indexOf(':');
    String user = colon < 0 ? spec : spec.substring(0, colon);
    String group = colon < 0 ? null : spec.substring(colon + 1);
    long uid;
    long gid;
    String[] entry = find(rootfs.resolve("etc/passwd"), user, 2);
    if (entry != null) {
      uid = Long.parseLong(entry[2]);
      gid = Long.parseLong(entry[3]);
    } else if (user.matches("\\d+")) {
      uid = Long.parseLong(user);
      gid = 0;
    } else {
      throw BerthException.invalid("unable to find user " + user
          + ": no matching entries in passwd file");
    }
    if (group != null && !group.isEmpty()) {
      String[] g = find(rootfs.resolve("etc/group"), group, 2);
      if (g != null) {
        gid = Long.parseLong(g[2]);
      } else if (group.matches("\\d+")) {
        gid = Long.parseLong(group);
      } else {
        throw BerthException.invalid("unable to find group " + group
            + ": no matching entries in group file");
      }
    }
    return new long[] {uid, gid};
  }

  /** The line whose name (field 0) or id (field {@code idField}) is {@code key}. */
  private static String[] find(Path file, String key, int idField) {
    // the file is the image's: never follow a link out of the root
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return null;
    }
    for (String line : lines) {
      String[] f = line.split(":", -1);
      if (f.length > 3 && (f[0].equals(key) || f[idField].equals(key))) {
        return f;
      }
    }
    return null;
  }
}
