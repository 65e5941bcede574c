package dev.berth.runtime.spec;

import java.util.List;

/** RLIMIT_* names to the kernel's resource numbers (asm-generic/resource.h). */
public final class RlimitNames {
  private static final List<String> NAMES = List.of(
      "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
      "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
      "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");

  private RlimitNames() {}

  /** The resource number, or -1 for a name the kernel does not have. */
  public static int number(String name) {
    return NAMES.indexOf(name);
  }
}
