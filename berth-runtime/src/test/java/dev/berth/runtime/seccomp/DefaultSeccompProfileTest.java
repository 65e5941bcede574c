package dev.berth.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.berth.oci.runtime.Seccomp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultSeccompProfileTest {
  /** Docker's default capability set (moby oci/caps/defaults.go). */
  static final Set<String> DOCKER_CAPS =
      Set.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");

  static final String NEW_KERNEL = "6.1.0-18-amd64";
  static final String OLD_KERNEL = "4.4.0-210-generic";
  static final long NAMESPACE_FLAGS = 0x7E020000L;

  static Seccomp amd64(Set<String> caps) {
    return DefaultSeccompProfile.resolve(caps, "amd64", NEW_KERNEL);
  }

  static Set<String> plus(Set<String> caps, String... more) {
    Set<String> s = new HashSet<>(caps);
    s.addAll(List.of(more));
    return s;
  }

  static List<Seccomp.Syscall> rulesFor(Seccomp s, String name) {
    return s.syscalls().stream().filter(c -> c.names().contains(name)).toList();
  }

  /** Allowed whatever its arguments. */
  static boolean allowed(Seccomp s, String name) {
    return rulesFor(s, name).stream()
        .anyMatch(c -> c.action().equals("SCMP_ACT_ALLOW") && c.args().isEmpty());
  }

  /** Not named by any rule, so the default action (EPERM) applies. */
  static boolean denied(Seccomp s, String name) {
    return rulesFor(s, name).isEmpty();
  }

  @Test
  void defaultActionIsErrnoEperm() {
    Seccomp s = amd64(DOCKER_CAPS);
    assertThat(s.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(s.defaultErrnoRet()).isEqualTo(1);
    assertThat(s.flags()).isEmpty();
  }

  @Test
  void amd64FiltersNativeAndCompatArches() {
    assertThat(amd64(DOCKER_CAPS).architectures())
        .containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
    assertThat(DefaultSeccompProfile.resolve(DOCKER_CAPS, "x86_64", NEW_KERNEL).architectures())
        .containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
  }

  @Test
  void otherArchesMapToTheirCompatArches() {
    assertThat(DefaultSeccompProfile.resolve(DOCKER_CAPS, "aarch64", NEW_KERNEL).architectures())
        .containsExactly("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
    assertThat(DefaultSeccompProfile.resolve(DOCKER_CAPS, "s390x", NEW_KERNEL).architectures())
        .containsExactly("SCMP_ARCH_S390X", "SCMP_ARCH_S390");
    assertThat(DefaultSeccompProfile.resolve(DOCKER_CAPS, "riscv64", NEW_KERNEL).architectures())
        .containsExactly("SCMP_ARCH_RISCV64");
    // Docker's map has no entry for these: libseccomp then filters the native arch only.
    assertThat(DefaultSeccompProfile.resolve(DOCKER_CAPS, "ppc64le", NEW_KERNEL).architectures())
        .isEmpty();
  }

  @Test
  void machineArchIsUsedByTheOneArgumentResolve() {
    Seccomp here = DefaultSeccompProfile.resolve(DOCKER_CAPS);
    Seccomp same =
        DefaultSeccompProfile.resolve(
            DOCKER_CAPS, System.getProperty("os.arch"), System.getProperty("os.version"));
    assertThat(here).isEqualTo(same);
    if (System.getProperty("os.arch").equals("amd64")) {
      assertThat(here.architectures()).startsWith("SCMP_ARCH_X86_64");
    }
  }

  @Test
  void dockerDefaultsAllowTheCommonSyscalls() {
    Seccomp s = amd64(DOCKER_CAPS);
    for (String name :
        List.of(
            "read",
            "write",
            "openat",
            "close",
            "execve",
            "mkdir",
            "mmap",
            "futex",
            "exit_group",
            "rt_sigaction",
            "epoll_wait",
            "accept4",
            "getrandom",
            "statx",
            "setuid",
            "chown",
            "mknod",
            "kill",
            "fork",
            "vfork",
            "wait4",
            "arch_prctl",
            "modify_ldt",
            "chroot",
            "seccomp",
            "landlock_create_ruleset",
            "name_to_handle_at")) {
      assertThat(allowed(s, name)).as(name).isTrue();
    }
  }

  @Test
  void dockerDefaultsDenyPrivilegedSyscalls() {
    Seccomp s = amd64(DOCKER_CAPS);
    for (String name :
        List.of(
            "mount",
            "umount2",
            "umount",
            "unshare",
            "setns",
            "reboot",
            "kexec_load",
            "init_module",
            "finit_module",
            "delete_module",
            "keyctl",
            "add_key",
            "request_key",
            "bpf",
            "perf_event_open",
            "swapon",
            "swapoff",
            "pivot_root",
            "open_by_handle_at",
            "acct",
            "settimeofday",
            "clock_settime",
            "iopl",
            "ioperm",
            "syslog",
            "sethostname",
            "vhangup",
            "mbind",
            "kcmp",
            "pidfd_getfd",
            "userfaultfd",
            "fsopen",
            "open_tree",
            "lookup_dcookie",
            "quotactl",
            "io_uring_setup")) {
      assertThat(denied(s, name)).as(name).isTrue();
    }
  }

  @Test
  void ptraceIsAllowedFromKernel48Only() {
    Seccomp recent = amd64(DOCKER_CAPS);
    Seccomp old = DefaultSeccompProfile.resolve(DOCKER_CAPS, "amd64", OLD_KERNEL);
    Seccomp exactly48 = DefaultSeccompProfile.resolve(DOCKER_CAPS, "amd64", "4.8.0");
    for (String name : List.of("ptrace", "process_vm_readv", "process_vm_writev")) {
      assertThat(allowed(recent, name)).as(name).isTrue();
      assertThat(allowed(exactly48, name)).as(name).isTrue();
      assertThat(denied(old, name)).as(name).isTrue();
    }
    // On an old kernel CAP_SYS_PTRACE still opens it.
    Seccomp oldTracer =
        DefaultSeccompProfile.resolve(plus(DOCKER_CAPS, "CAP_SYS_PTRACE"), "amd64", OLD_KERNEL);
    assertThat(allowed(oldTracer, "ptrace")).isTrue();
    assertThat(allowed(oldTracer, "kcmp")).isTrue();
  }

  @Test
  void capSysAdminOpensMountNamespacesAndClone3() {
    Seccomp s = amd64(plus(DOCKER_CAPS, "CAP_SYS_ADMIN"));
    for (String name :
        List.of(
            "mount",
            "umount2",
            "unshare",
            "setns",
            "clone",
            "clone3",
            "sethostname",
            "bpf",
            "perf_event_open",
            "fsopen",
            "syslog",
            "quotactl")) {
      assertThat(allowed(s, name)).as(name).isTrue();
    }
    // clone and clone3 get no restricting rule beside the plain allow.
    assertThat(rulesFor(s, "clone")).hasSize(1);
    assertThat(rulesFor(s, "clone3"))
        .singleElement()
        .satisfies(c -> assertThat(c.action()).isEqualTo("SCMP_ACT_ALLOW"));
    assertThat(denied(s, "reboot")).isTrue();
  }

  @Test
  void cloneWithoutCapSysAdminMayNotCreateNamespaces() {
    List<Seccomp.Syscall> clone = rulesFor(amd64(DOCKER_CAPS), "clone");
    assertThat(clone)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.action()).isEqualTo("SCMP_ACT_ALLOW");
              assertThat(c.args())
                  .containsExactly(new Seccomp.Arg(0, NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ"));
            });
    assertThat(passes(clone, 17)).as("fork: SIGCHLD").isTrue();
    assertThat(passes(clone, 0x3d0f00)).as("pthread_create flags").isTrue();
    assertThat(passes(clone, 0x10000000 | 17)).as("CLONE_NEWUSER").isFalse();
    assertThat(passes(clone, 0x00020000 | 17)).as("CLONE_NEWNS").isFalse();
    assertThat(passes(clone, 0x40000000 | 17)).as("CLONE_NEWNET").isFalse();
  }

  @Test
  void s390PassesCloneFlagsSecond() {
    Seccomp s = DefaultSeccompProfile.resolve(DOCKER_CAPS, "s390x", NEW_KERNEL);
    assertThat(rulesFor(s, "clone"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.args())
                    .containsExactly(new Seccomp.Arg(1, NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ")));
    assertThat(allowed(s, "s390_runtime_instr")).isTrue();
    assertThat(denied(s, "arch_prctl")).isTrue();
  }

  @Test
  void clone3FailsWithEnosysWithoutCapSysAdmin() {
    assertThat(rulesFor(amd64(DOCKER_CAPS), "clone3"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.action()).isEqualTo("SCMP_ACT_ERRNO");
              assertThat(c.errnoRet()).isEqualTo(38);
              assertThat(c.args()).isEmpty();
            });
  }

  @Test
  void socketAllowsEveryFamilyButAlgAndVsock() {
    List<Seccomp.Syscall> socket = rulesFor(amd64(DOCKER_CAPS), "socket");
    assertThat(socket).allSatisfy(c -> assertThat(c.action()).isEqualTo("SCMP_ACT_ALLOW"));
    assertThat(socket.stream().map(c -> c.args().getFirst()).toList())
        .containsExactlyInAnyOrder(
            new Seccomp.Arg(0, 38, 0, "SCMP_CMP_LT"),
            new Seccomp.Arg(0, 39, 0, "SCMP_CMP_EQ"),
            new Seccomp.Arg(0, 40, 0, "SCMP_CMP_GT"));
    for (long family :
        new long[] {1, 2, 10, 16, 17, 39, 44}) { // unix, inet, inet6, netlink, packet
      assertThat(passes(socket, family)).as("family " + family).isTrue();
    }
    assertThat(passes(socket, 38)).as("AF_ALG").isFalse();
    assertThat(passes(socket, 40)).as("AF_VSOCK").isFalse();
  }

  @Test
  void personalityAllowsOnlyTheHarmlessPersonas() {
    List<Seccomp.Syscall> p = rulesFor(amd64(DOCKER_CAPS), "personality");
    for (long persona : new long[] {0, 0x8, 0x20000, 0x20008, 0xffffffffL}) {
      assertThat(passes(p, persona)).as("persona 0x%x", persona).isTrue();
    }
    // ADDR_NO_RANDOMIZE (0x0040000) would switch off ASLR.
    assertThat(passes(p, 0x0040000)).isFalse();
    assertThat(passes(p, 0x0400000)).as("READ_IMPLIES_EXEC").isFalse();
  }

  @Test
  void eachCapabilityOpensItsOwnSyscalls() {
    record Case(String cap, List<String> opens) {}
    for (Case c :
        List.of(
            new Case("CAP_SYS_BOOT", List.of("reboot")),
            new Case("CAP_SYS_MODULE", List.of("init_module", "finit_module", "delete_module")),
            new Case("CAP_SYS_PACCT", List.of("acct")),
            new Case("CAP_SYS_PTRACE", List.of("kcmp", "pidfd_getfd", "process_madvise")),
            new Case("CAP_SYS_RAWIO", List.of("iopl", "ioperm")),
            new Case("CAP_SYS_TIME", List.of("settimeofday", "clock_settime", "stime")),
            new Case("CAP_SYS_TTY_CONFIG", List.of("vhangup")),
            new Case("CAP_SYS_NICE", List.of("mbind", "set_mempolicy", "get_mempolicy")),
            new Case("CAP_SYSLOG", List.of("syslog")),
            new Case("CAP_BPF", List.of("bpf")),
            new Case("CAP_PERFMON", List.of("perf_event_open")),
            new Case("CAP_DAC_READ_SEARCH", List.of("open_by_handle_at")))) {
      Seccomp without = amd64(DOCKER_CAPS);
      Seccomp with = amd64(plus(DOCKER_CAPS, c.cap()));
      for (String name : c.opens()) {
        assertThat(denied(without, name)).as(c.cap() + " " + name).isTrue();
        assertThat(allowed(with, name)).as(c.cap() + " " + name).isTrue();
      }
      // A capability opens only its own: mount stays shut.
      assertThat(denied(with, "mount")).as(c.cap()).isTrue();
    }
  }

  @Test
  void chrootNeedsCapSysChroot() {
    Set<String> noChroot = new HashSet<>(DOCKER_CAPS);
    noChroot.remove("CAP_SYS_CHROOT");
    assertThat(denied(amd64(noChroot), "chroot")).isTrue();
    assertThat(allowed(amd64(DOCKER_CAPS), "chroot")).isTrue();
  }

  @Test
  void capabilityNamesAreNormalised() {
    assertThat(amd64(Set.of("sys_admin", "CHOWN")))
        .isEqualTo(amd64(Set.of("CAP_SYS_ADMIN", "CAP_CHOWN")));
    assertThat(allowed(amd64(Set.of("sys_admin")), "mount")).isTrue();
  }

  @Test
  void archSpecificSyscallsFollowTheHost() {
    Seccomp arm = DefaultSeccompProfile.resolve(DOCKER_CAPS, "aarch64", NEW_KERNEL);
    assertThat(allowed(arm, "set_tls")).isTrue();
    assertThat(allowed(arm, "cacheflush")).isTrue();
    assertThat(denied(arm, "arch_prctl")).isTrue();
    assertThat(denied(arm, "modify_ldt")).isTrue();
    Seccomp x86 = amd64(DOCKER_CAPS);
    assertThat(denied(x86, "set_tls")).isTrue();
    assertThat(denied(x86, "riscv_flush_icache")).isTrue();
  }

  @Test
  void allowedCountMatchesDockersProfile() {
    Seccomp s = amd64(DOCKER_CAPS);
    Set<String> allowedNames = new HashSet<>();
    s.syscalls().stream()
        .filter(c -> c.action().equals("SCMP_ACT_ALLOW"))
        .forEach(c -> allowedNames.addAll(c.names()));
    // 361 always, ptrace & co. (kernel >= 4.8), arch_prctl, modify_ldt, chroot, and socket,
    // personality and clone behind argument filters.
    assertThat(allowedNames).hasSize(370);
    // Same action, errno and filters fold into one entry, and no name repeats within one.
    assertThat(s.syscalls()).allSatisfy(c -> assertThat(c.names()).doesNotHaveDuplicates());
  }

  @Test
  void resolvedProfilesPassTheValidator() {
    for (String arch : List.of("amd64", "aarch64", "s390x", "ppc64le", "riscv64", "i386")) {
      Seccomp s =
          DefaultSeccompProfile.resolve(plus(DOCKER_CAPS, "CAP_SYS_ADMIN"), arch, OLD_KERNEL);
      assertThatNoException().as(arch).isThrownBy(() -> SeccompValidator.validate(s));
    }
    assertThatNoException().isThrownBy(() -> SeccompValidator.validate(amd64(DOCKER_CAPS)));
  }

  /** Whether some rule lets a call with this first/flag argument through, as the kernel would. */
  static boolean passes(List<Seccomp.Syscall> rules, long arg) {
    return rules.stream()
        .filter(c -> c.action().equals("SCMP_ACT_ALLOW"))
        .anyMatch(c -> c.args().stream().allMatch(a -> holds(a, arg)));
  }

  static boolean holds(Seccomp.Arg a, long v) {
    return switch (a.op()) {
      case "SCMP_CMP_EQ" -> v == a.value();
      case "SCMP_CMP_NE" -> v != a.value();
      case "SCMP_CMP_LT" -> Long.compareUnsigned(v, a.value()) < 0;
      case "SCMP_CMP_LE" -> Long.compareUnsigned(v, a.value()) <= 0;
      case "SCMP_CMP_GT" -> Long.compareUnsigned(v, a.value()) > 0;
      case "SCMP_CMP_GE" -> Long.compareUnsigned(v, a.value()) >= 0;
      case "SCMP_CMP_MASKED_EQ" -> (v & a.value()) == a.valueTwo();
      default -> throw new AssertionError(a.op());
    };
  }
}
