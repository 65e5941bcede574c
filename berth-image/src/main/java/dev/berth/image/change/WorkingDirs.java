package dev.berth.image.change;

import java.util.ArrayDeque;

/** WORKDIR as Docker resolves it on Linux: cleaned, relative paths joined onto the current one. */
final class WorkingDirs {
  private WorkingDirs() {}

  static String resolve(String current, String requested) {
    if (requested.startsWith("/")) {
      return clean(requested);
    }
    return clean("/" + (current == null ? "" : current) + "/" + requested);
  }

  /** Go's {@code filepath.Clean} for an absolute path: no empty, "." or ".." elements. */
  static String clean(String absolute) {
    var parts = new ArrayDeque<String>();
    for (String part : absolute.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast(); // ".." above the root stays at the root
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }
}
