package dev.berth.runtime.seccomp;

import java.util.Map;
import java.util.Set;

/** The names OCI {@code linux.seccomp} may use, as libseccomp spells them. */
final class SeccompVocabulary {
  static final String ALLOW = "SCMP_ACT_ALLOW";
  static final String ERRNO = "SCMP_ACT_ERRNO";
  static final String TRACE = "SCMP_ACT_TRACE";

  /** Needs a listener socket and an agent on the other end; the shim has neither. */
  static final String NOTIFY = "SCMP_ACT_NOTIFY";

  static final Set<String> ACTIONS =
      Set.of(
          "SCMP_ACT_KILL",
          "SCMP_ACT_KILL_PROCESS",
          "SCMP_ACT_KILL_THREAD",
          "SCMP_ACT_TRAP",
          ERRNO,
          TRACE,
          ALLOW,
          "SCMP_ACT_LOG");

  static final String MASKED_EQ = "SCMP_CMP_MASKED_EQ";

  static final Set<String> OPS =
      Set.of(
          "SCMP_CMP_NE",
          "SCMP_CMP_LT",
          "SCMP_CMP_LE",
          "SCMP_CMP_EQ",
          "SCMP_CMP_GE",
          "SCMP_CMP_GT",
          MASKED_EQ);

  static final Set<String> ARCHES =
      Set.of(
          "SCMP_ARCH_X86",
          "SCMP_ARCH_X86_64",
          "SCMP_ARCH_X32",
          "SCMP_ARCH_ARM",
          "SCMP_ARCH_AARCH64",
          "SCMP_ARCH_MIPS",
          "SCMP_ARCH_MIPS64",
          "SCMP_ARCH_MIPS64N32",
          "SCMP_ARCH_MIPSEL",
          "SCMP_ARCH_MIPSEL64",
          "SCMP_ARCH_MIPSEL64N32",
          "SCMP_ARCH_PPC",
          "SCMP_ARCH_PPC64",
          "SCMP_ARCH_PPC64LE",
          "SCMP_ARCH_S390",
          "SCMP_ARCH_S390X",
          "SCMP_ARCH_PARISC",
          "SCMP_ARCH_PARISC64",
          "SCMP_ARCH_RISCV64",
          "SCMP_ARCH_LOONGARCH64",
          "SCMP_ARCH_M68K",
          "SCMP_ARCH_SH",
          "SCMP_ARCH_SHEB");

  static final Set<String> FLAGS =
      Set.of(
          "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC");

  /** Syscall arguments a filter can read: seccomp_data carries six. */
  static final int MAX_ARG_INDEX = 5;

  /** errno and trace values live in the low 16 bits of the filter's return (SECCOMP_RET_DATA). */
  static final int MAX_RET_DATA = 0xFFFF;

  /** The errno names profiles use; Linux numbers, the same on every arch Docker's profile lists. */
  static final Map<String, Integer> ERRNOS = Map.of("EPERM", 1, "EACCES", 13, "ENOSYS", 38);

  private SeccompVocabulary() {}
}
