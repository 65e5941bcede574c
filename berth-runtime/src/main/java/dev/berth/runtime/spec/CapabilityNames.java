package dev.berth.runtime.spec;

import dev.berth.error.BerthException;
import java.util.List;
import java.util.Locale;

/** Capability names (as in config.json, "CAP_…") to the kernel's bit numbers. */
public final class CapabilityNames {
  // Index = capability number (linux/capability.h).
  private static final List<String> NAMES = List.of(
      "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID",
      "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
      "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
      "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD",
      "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG",
      "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE");

  private CapabilityNames() {}

  /** The bit number of "CAP_NAME" (case-insensitive, prefix optional), or -1. */
  public static int number(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    if (n.startsWith("CAP_")) n = n.substring(4);
    return NAMES.indexOf(n);
  }

  public static String name(int number) {
    return "CAP_" + NAMES.get(number);
  }

  /** Every capability this table knows, as {@code CAP_NAME}, in bit order. */
  public static List<String> all() {
    return NAMES.stream().map(n -> "CAP_" + n).toList();
  }

  public static int count() {
    return NAMES.size();
  }

  /** A bit mask of the named capabilities; a name that does not exist is named in the error. */
  public static long mask(List<String> names, String field) {
    long mask = 0;
    for (int i = 0; i < names.size(); i++) {
      int n = number(names.get(i));
      if (n < 0) {
        throw BerthException.invalid(field + "[" + i + "]: unknown capability \"" + names.get(i) + "\"");
      }
      mask |= 1L << n;
    }
    return mask;
  }
}
