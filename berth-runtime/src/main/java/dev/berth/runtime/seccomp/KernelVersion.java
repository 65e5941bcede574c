package dev.berth.runtime.seccomp;

import dev.berth.error.BerthException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel's major and minor number, all a profile's kernel conditions compare: "6.1.0-18-amd64"
 * and "6.1-rc2" are both 6.1, as Docker reads them.
 */
record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {
  private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");

  /** Parses a {@code uname -r} release, or a plain "X.Y". */
  static KernelVersion parse(String release) {
    Matcher m = release == null ? null : RELEASE.matcher(release.strip());
    if (m == null || !m.find()) {
      throw BerthException.invalid("kernel release \"" + release + "\": expected <major>.<minor>");
    }
    try {
      return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      throw BerthException.invalid("kernel release \"" + release + "\": number too large");
    }
  }

  /** The kernel this JVM runs on: on Linux {@code os.version} is the uname release. */
  static KernelVersion running() {
    return parse(System.getProperty("os.version"));
  }

  boolean atLeast(KernelVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(KernelVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
