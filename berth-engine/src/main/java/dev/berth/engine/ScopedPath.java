package dev.berth.engine;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A path inside a container's root file system, resolved as the container would see it:
 * symlinks are followed relative to the root (an absolute target starts again at the root, a
 * {@code ..} stops at the root), so no path ever leads out of it. The last component is
 * followed only when asked ({@code docker cp} copies a symlink as a symlink).
 */
final class ScopedPath {
  private static final int MAX_LINKS = 40;

  private ScopedPath() {}

  static Path resolve(Path root, String containerPath, boolean followLast) {
    Deque<String> todo = new ArrayDeque<>(parts(containerPath));
    Deque<String> done = new ArrayDeque<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.removeFirst();
      if (part.equals("..")) {
        done.pollLast();
        continue;
      }
      Path candidate = join(root, done).resolve(part);
      boolean last = todo.isEmpty();
      if ((!last || followLast) && Files.isSymbolicLink(candidate)) {
        if (++links > MAX_LINKS) {
          throw BerthException.invalid("too many links in " + containerPath);
        }
        String target;
        try {
          target = Files.readSymbolicLink(candidate).toString();
        } catch (IOException e) {
          throw BerthException.system("reading link " + candidate + ": " + e.getMessage(), e);
        }
        if (target.startsWith("/")) {
          done.clear();
        }
        var rest = new ArrayDeque<>(parts(target));
        rest.addAll(todo);
        todo = rest;
        continue;
      }
      done.addLast(part);
    }
    return join(root, done);
  }

  private static java.util.List<String> parts(String p) {
    return Arrays.stream(p.split("/")).filter(s -> !s.isEmpty() && !s.equals(".")).toList();
  }

  private static Path join(Path root, Deque<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }

  static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }
}
