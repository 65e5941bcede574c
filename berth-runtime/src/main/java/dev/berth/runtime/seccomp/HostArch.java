package dev.berth.runtime.seccomp;

import java.util.Locale;

/**
 * Maps Java's {@code os.arch} to libseccomp's native arch names ("amd64", "arm64", "s390x", …), the
 * names a profile's arch conditions and arch lines use.
 */
final class HostArch {
  private HostArch() {}

  static String current() {
    return nativeName(System.getProperty("os.arch"));
  }

  static String nativeName(String osArch) {
    String a = osArch.strip().toLowerCase(Locale.ROOT);
    return switch (a) {
      case "amd64", "x86_64" -> "amd64";
      case "x86", "i386", "i486", "i586", "i686" -> "x86";
      case "aarch64", "arm64" -> "arm64";
      case "mips64el" -> "mipsel64";
      case "loong64" -> "loongarch64";
      default -> a.startsWith("arm") ? "arm" : a;
    };
  }
}
