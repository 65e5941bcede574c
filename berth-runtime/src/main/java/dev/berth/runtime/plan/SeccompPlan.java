package dev.berth.runtime.plan;

import dev.berth.oci.runtime.Seccomp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** linux.seccomp (already validated) as plan lines the shim hands to libseccomp. */
final class SeccompPlan {
  private static final int EPERM = 1;

  private SeccompPlan() {}

  /**
   * Adds the filter; with {@code cacheDir}, also where the shim keeps it compiled: a file named
   * by the digest of the profile, the kernel and the shim binary, so a different libseccomp or
   * kernel never reads another's program.
   */
  static void add(LaunchPlan.Builder b, Seccomp s, java.util.Optional<java.nio.file.Path> cacheDir) {
    Encoded e = encoded(s);
    b.addAll(e.lines());
    cacheDir.ifPresent(dir -> b.add("seccomp_cache", dir.resolve(e.cacheKey() + ".bpf").toString()));
  }

  /** A profile's plan lines, cache key and JSON, worked out once per distinct profile. */
  private record Encoded(List<LaunchPlan.Directive> lines, String cacheKey, byte[] json) {}

  /**
   * Nearly every container has the same profile (Docker's default for the default
   * capabilities); its ~400 lines and the SHA-256 of its JSON were a tenth of a start's CPU.
   */
  private static final java.util.Map<Seccomp, Encoded> ENCODED = new java.util.concurrent.ConcurrentHashMap<>();

  private static Encoded encoded(Seccomp s) {
    Encoded e = ENCODED.get(s);
    if (e == null) {
      if (ENCODED.size() >= 16) {
        ENCODED.clear(); // custom profiles must not grow it without end
      }
      LaunchPlan.Builder lines = LaunchPlan.lines();
      add(lines, s);
      byte[] json = json(s);
      e = new Encoded(lines.build().directives(), cacheKey(json), json);
      ENCODED.put(s, e);
    }
    return e;
  }

  /** The profile as JSON text (for the run directory's seccomp.json); not to be modified. */
  static byte[] jsonOf(Seccomp s) {
    return encoded(s).json();
  }

  private static byte[] json(Seccomp s) {
    try {
      return dev.berth.runtime.spec.BundleLoader.JSON.writeValueAsBytes(s);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cacheKey(byte[] json) {
    try {
      var sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(json);
      sha.update(System.getProperty("os.version", "").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update(SHIM_IDENTITY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shim binary's size and mtime: a rebuilt shim compiles afresh. */
  private static final String SHIM_IDENTITY = shimIdentity();

  private static String shimIdentity() {
    try {
      java.nio.file.Path shim = dev.berth.runtime.shim.ShimBinary.locate();
      return java.nio.file.Files.size(shim) + ":" + java.nio.file.Files.getLastModifiedTime(shim).toMillis();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static void add(LaunchPlan.Builder b, Seccomp s) {
    int defaultErrno = s.defaultErrnoRet() == null ? EPERM : s.defaultErrnoRet();
    b.add("seccomp_default", action(s.defaultAction()), defaultErrno);
    for (String arch : s.architectures()) b.add("seccomp_arch", arch(arch));
    for (String flag : s.flags()) b.add("seccomp_flag", flag(flag));
    for (Seccomp.Syscall sc : s.syscalls()) {
      int errno = sc.errnoRet() == null ? EPERM : sc.errnoRet();
      // libseccomp ANDs the comparisons of one rule but refuses two on the same argument;
      // runc's reading of such a list is one rule per comparison (OR), and so is ours.
      Set<Integer> indexes = new HashSet<>();
      boolean distinct = sc.args().stream().allMatch(a -> indexes.add(a.index()));
      for (String name : sc.names()) {
        if (distinct) {
          b.add("seccomp_rule", rule(sc.action(), errno, name, sc.args()));
        } else {
          for (Seccomp.Arg a : sc.args()) b.add("seccomp_rule", rule(sc.action(), errno, name, List.of(a)));
        }
      }
    }
  }

  private static List<String> rule(String action, int errno, String name, List<Seccomp.Arg> args) {
    List<String> f = new ArrayList<>();
    f.add(action(action));
    f.add(String.valueOf(errno));
    f.add(name);
    for (Seccomp.Arg a : args) {
      f.add(String.valueOf(a.index()));
      f.add(a.op().substring("SCMP_CMP_".length()).toLowerCase(Locale.ROOT));
      f.add(Long.toUnsignedString(a.value()));
      f.add(Long.toUnsignedString(a.valueTwo()));
    }
    return f;
  }

  static String action(String a) {
    return switch (a) {
      case "SCMP_ACT_ALLOW" -> "allow";
      case "SCMP_ACT_ERRNO" -> "errno";
      case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> "kill";
      case "SCMP_ACT_KILL_PROCESS" -> "kill_process";
      case "SCMP_ACT_TRAP" -> "trap";
      case "SCMP_ACT_LOG" -> "log";
      case "SCMP_ACT_TRACE" -> "trace";
      default -> throw new IllegalArgumentException("unvalidated seccomp action " + a);
    };
  }

  private static String arch(String a) {
    return a.substring("SCMP_ARCH_".length()).toLowerCase(Locale.ROOT);
  }

  private static String flag(String f) {
    return f.substring("SECCOMP_FILTER_FLAG_".length()).toLowerCase(Locale.ROOT);
  }
}
