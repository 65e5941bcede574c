package dev.berth.runtime.seccomp;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.Seccomp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Docker's default seccomp profile, kept as Berth's own {@code default.profile} and resolved per
 * container into OCI {@code linux.seccomp}.
 *
 * <p>The profile denies with EPERM whatever it does not name, allows the common syscalls, and opens
 * the rest only with the capability that guards them in the kernel: mount and unshare with
 * CAP_SYS_ADMIN, reboot with CAP_SYS_BOOT, and so on. Without CAP_SYS_ADMIN, clone may not create
 * namespaces and clone3 fails with ENOSYS so that libc falls back to clone, whose flags a filter
 * can read. Docker resolves capability conditions against the bounding set; pass that set (for
 * Docker's defaults the effective set is the same).
 */
public final class DefaultSeccompProfile {
  static final String RESOURCE = "default.profile";

  private DefaultSeccompProfile() {}

  /**
   * Docker's default profile resolved for these capabilities (names like "CAP_SYS_ADMIN"; a missing
   * "CAP_" prefix is added) on this machine's arch and running kernel.
   */
  public static Seccomp resolve(Set<String> capabilities) {
    return resolve(capabilities, System.getProperty("os.arch"), System.getProperty("os.version"));
  }

  /**
   * The same for a given host: {@code osArch} as Java names it ("amd64", "aarch64", …) and a kernel
   * release as {@code uname -r} prints it ("6.1.0-18-amd64").
   */
  public static Seccomp resolve(Set<String> capabilities, String osArch, String kernelRelease) {
    if (capabilities == null) {
      capabilities = Set.of();
    }
    Target target =
        new Target(
            normalize(capabilities),
            HostArch.nativeName(osArch),
            KernelVersion.parse(kernelRelease));
    return Holder.PROFILE.resolve(target);
  }

  static Profile profile() {
    return Holder.PROFILE;
  }

  private static Set<String> normalize(Set<String> capabilities) {
    return capabilities.stream()
        .map(c -> c.strip().toUpperCase(Locale.ROOT))
        .map(c -> c.startsWith("CAP_") ? c : "CAP_" + c)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Parsed once, on first use. */
  private static final class Holder {
    static final Profile PROFILE = load();

    private static Profile load() {
      try (InputStream in = DefaultSeccompProfile.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + RESOURCE + " missing from the classpath");
        }
        return ProfileParser.parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + RESOURCE, e);
      } catch (BerthException e) {
        // Our own resource is broken: a build defect, not the caller's bad input.
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }
}
