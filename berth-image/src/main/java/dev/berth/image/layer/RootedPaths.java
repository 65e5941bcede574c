package dev.berth.image.layer;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps tar entry names to paths under a root without ever leaving it. Names are cleaned
 * lexically ({@code ./}, {@code .}, empty components and {@code a/..} are folded, as Docker's
 * filepath.Clean does); a name that is absolute or whose {@code ..} climbs above the root is
 * rejected. Every parent under the root must be a real directory: a symlink there is rejected
 * even when it points inside, since following it is how a layer writes outside its root.
 */
final class RootedPaths {
  private final Path root;
  /**
   * Parents already checked or made during this apply. A layer's own entries are the only
   * writers, so they stay directories until the caller deletes something ({@link #forget}).
   */
  private final java.util.Set<Path> knownDirs = new java.util.HashSet<>();

  RootedPaths(Path root) {
    this.root = root;
  }

  /** Something under the root was deleted or replaced: check every parent again. */
  void forget() {
    knownDirs.clear();
  }

  /** {@code dir} was just made a directory by this apply: no parent check needed below it. */
  void knownDirectory(Path dir) {
    knownDirs.add(dir);
  }

  Path root() {
    return root;
  }

  /** The cleaned relative name, "" for the root itself. */
  static String clean(String name) {
    int end = cleanLength(name);
    if (end > 0) {
      return end == name.length() ? name : name.substring(0, end);
    }
    if (name.startsWith("/")) {
      throw reject(name, "absolute path");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw reject(name, "'..' climbs out of the layer root");
        }
        parts.removeLast();
        continue;
      }
      if (part.indexOf('\0') >= 0) {
        throw reject(name, "NUL in name");
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  /**
   * The length of {@code name} without its one trailing slash, when the name is clean already
   * (relative, no empty, "." or ".." component, no NUL), as nearly every tar name is; else -1.
   * Spares such names the split and join.
   */
  private static int cleanLength(String name) {
    int end = name.endsWith("/") ? name.length() - 1 : name.length();
    int start = 0;
    for (int i = 0; i <= end; i++) {
      char c = i == end ? '/' : name.charAt(i);
      if (c == '\0') {
        return -1;
      }
      if (c != '/') {
        continue;
      }
      int len = i - start;
      if (len == 0 || (name.charAt(start) == '.' && (len == 1
          || (len == 2 && name.charAt(start + 1) == '.')))) {
        return -1;
      }
      start = i + 1;
    }
    return end;
  }

  /**
   * Resolves {@code name} for writing: its parents are created (0755) where missing and checked
   * to be directories, not symlinks. The last component itself is not looked at.
   */
  Path resolveForWrite(String name) {
    return resolve(name, true);
  }

  /** As {@link #resolveForWrite} but creates nothing: null when a parent is missing. */
  Path resolveExisting(String name) {
    return resolve(name, false);
  }

  private Path resolve(String name, boolean createParents) {
    String clean = clean(name);
    if (clean.isEmpty()) {
      return root;
    }
    int slash = clean.lastIndexOf('/');
    if (slash > 0) {
      Path parent = root.resolve(clean.substring(0, slash));
      if (knownDirs.contains(parent)) {
        return parent.resolve(clean.substring(slash + 1)); // its own parents were checked with it
      }
    }
    String[] parts = clean.split("/");
    Path dir = root;
    for (int i = 0; i < parts.length - 1; i++) {
      dir = dir.resolve(parts[i]);
      if (knownDirs.contains(dir)) {
        continue;
      }
      BasicFileAttributes attrs = attributesOrNull(dir, name);
      if (attrs == null) {
        if (!createParents) {
          return null;
        }
        try {
          Files.createDirectory(dir);
        } catch (IOException e) {
          throw BerthException.system("layer entry \"" + name + "\": creating parent " + dir
              + ": " + e.getMessage(), e);
        }
      } else if (attrs.isSymbolicLink()) {
        throw reject(name, "parent " + String.join("/", List.of(parts).subList(0, i + 1))
            + " is a symlink");
      } else if (!attrs.isDirectory()) {
        throw reject(name, "parent " + String.join("/", List.of(parts).subList(0, i + 1))
            + " is not a directory");
      }
      knownDirs.add(dir);
    }
    return dir.resolve(parts[parts.length - 1]);
  }

  /** Attributes without following a symlink, null when nothing is there. */
  static BasicFileAttributes attributesOrNull(Path path, String entryName) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw BerthException.system("layer entry \"" + entryName + "\": reading " + path + ": "
          + e.getMessage(), e);
    }
  }

  static BerthException reject(String name, String why) {
    return BerthException.invalid("layer entry \"" + name + "\" rejected: " + why);
  }
}
