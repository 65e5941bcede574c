package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import java.util.ArrayList;
import java.util.List;

/**
 * Relative cgroup paths: {@code a/b/c}, no leading or trailing slash, no {@code .} or {@code ..},
 * the empty string for a hierarchy's root.
 */
final class CgroupPath {
  private CgroupPath() {}

  /** {@code /a//b/} → {@code a/b}; refuses {@code .}, {@code ..} and control characters, naming {@code field}. */
  static String normalize(String raw, String field) {
    if (raw == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (String part : raw.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.equals(".") || part.equals("..") || part.chars().anyMatch(c -> c < 0x20)) {
        throw BerthException.invalid(field + ": \"" + raw + "\" is not a plain cgroup path (no . or .. parts)");
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  static String join(String parent, String child) {
    if (parent.isEmpty()) {
      return child;
    }
    return child.isEmpty() ? parent : parent + "/" + child;
  }

  /**
   * Where a container's cgroup goes: {@code cgroupsPath} null → {@code defaultParent/id};
   * absolute → relative to the hierarchy roots; relative → under the caller's own cgroup.
   */
  static String resolve(String cgroupsPath, String id, String self, String defaultParent) {
    String rel;
    if (cgroupsPath == null || cgroupsPath.isEmpty()) {
      if (id == null || id.isEmpty() || id.contains("/") || id.equals(".") || id.equals("..")) {
        throw BerthException.invalid("id: \"" + id + "\" cannot name a cgroup");
      }
      rel = join(defaultParent, normalize(id, "id"));
    } else if (cgroupsPath.startsWith("/")) {
      rel = normalize(cgroupsPath, "linux.cgroupsPath");
    } else {
      rel = join(self, normalize(cgroupsPath, "linux.cgroupsPath"));
    }
    if (rel.isEmpty()) {
      throw BerthException.invalid("linux.cgroupsPath: \"" + cgroupsPath + "\" is a hierarchy root; a container needs its own cgroup");
    }
    return rel;
  }
}
