package dev.berth.image.archive;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths inside an archive: slash-separated, from its root, without {@code .} or {@code ..}. */
final class ArchivePaths {
  private ArchivePaths() {}

  /**
   * {@code name} cleaned ({@code ./a//b/} is {@code a/b}; a leading slash is dropped, as tar
   * extraction does), or null when a {@code ..} climbs above the root.
   */
  static String clean(String name) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** The directory holding {@code path} ("" for the root). */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The last element of {@code path}. */
  static String base(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
