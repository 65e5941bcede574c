package dev.berth.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.oci.runtime.Seccomp;
import dev.berth.oci.runtime.Seccomp.Arg;
import dev.berth.oci.runtime.Seccomp.Syscall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeccompValidatorTest {
  static final Syscall READ = new Syscall(List.of("read"), "SCMP_ACT_ALLOW", null, null);

  static Seccomp withDefault(String action, Integer errno) {
    return new Seccomp(action, errno, null, null, List.of(READ));
  }

  /** Three good rules, then the one under test at index 3. */
  static Seccomp withRule(Syscall rule) {
    List<Syscall> rules = new ArrayList<>(List.of(READ, READ, READ));
    rules.add(rule);
    return new Seccomp("SCMP_ACT_ERRNO", 1, List.of("SCMP_ARCH_X86_64"), null, rules);
  }

  static void assertInvalid(Seccomp s, String message) {
    assertThatThrownBy(() -> SeccompValidator.validate(s))
        .isInstanceOf(BerthException.class)
        .hasMessage(message)
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.INVALID_ARGUMENT);
  }

  @Test
  void acceptsEveryKnownActionOpArchAndFlag() {
    List<Syscall> rules = new ArrayList<>();
    for (String action :
        List.of(
            "SCMP_ACT_KILL",
            "SCMP_ACT_KILL_PROCESS",
            "SCMP_ACT_KILL_THREAD",
            "SCMP_ACT_TRAP",
            "SCMP_ACT_ERRNO",
            "SCMP_ACT_TRACE",
            "SCMP_ACT_ALLOW",
            "SCMP_ACT_LOG")) {
      rules.add(new Syscall(List.of("getpid"), action, null, null));
    }
    List<Arg> args = new ArrayList<>();
    int index = 0;
    for (String op :
        List.of(
            "SCMP_CMP_NE",
            "SCMP_CMP_LT",
            "SCMP_CMP_LE",
            "SCMP_CMP_EQ",
            "SCMP_CMP_GE",
            "SCMP_CMP_GT",
            "SCMP_CMP_MASKED_EQ")) {
      args.add(new Arg(index++ % 6, 1, 0, op));
    }
    rules.add(new Syscall(List.of("ioctl"), "SCMP_ACT_ERRNO", 38, args));
    Seccomp s =
        new Seccomp(
            "SCMP_ACT_LOG",
            null,
            List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM", "SCMP_ARCH_PPC64LE", "SCMP_ARCH_RISCV64"),
            List.of(
                "SECCOMP_FILTER_FLAG_LOG",
                "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
                "SECCOMP_FILTER_FLAG_TSYNC"),
            rules);
    assertThatNoException().isThrownBy(() -> SeccompValidator.validate(s));
    assertThatNoException().isThrownBy(() -> SeccompValidator.validate(null));
  }

  @Test
  void rejectsUnknownRuleAction() {
    assertInvalid(
        withRule(new Syscall(List.of("read"), "SCMP_ACT_FOO", null, null)),
        "linux.seccomp.syscalls[3].action: unknown action \"SCMP_ACT_FOO\"");
  }

  @Test
  void rejectsMissingRuleAction() {
    assertInvalid(
        withRule(new Syscall(List.of("read"), null, null, null)),
        "linux.seccomp.syscalls[3].action: missing");
  }

  @Test
  void rejectsNotifyAsUnsupported() {
    assertInvalid(
        withRule(new Syscall(List.of("read"), "SCMP_ACT_NOTIFY", null, null)),
        "linux.seccomp.syscalls[3].action: unsupported action \"SCMP_ACT_NOTIFY\" (no seccomp"
            + " notify agent)");
    assertInvalid(
        withDefault("SCMP_ACT_NOTIFY", null),
        "linux.seccomp.defaultAction: unsupported action \"SCMP_ACT_NOTIFY\" (no seccomp notify"
            + " agent)");
  }

  @Test
  void rejectsBadDefaultAction() {
    assertInvalid(withDefault(null, null), "linux.seccomp.defaultAction: missing");
    assertInvalid(
        withDefault("allow", null), "linux.seccomp.defaultAction: unknown action \"allow\"");
  }

  @Test
  void rejectsErrnoOutsideTheReturnDataBits() {
    assertInvalid(
        withDefault("SCMP_ACT_ERRNO", -1),
        "linux.seccomp.defaultErrnoRet: -1 is out of range 0..65535");
    assertInvalid(
        withRule(new Syscall(List.of("read"), "SCMP_ACT_ERRNO", 70000, null)),
        "linux.seccomp.syscalls[3].errnoRet: 70000 is out of range 0..65535");
  }

  @Test
  void rejectsUnknownArchitecture() {
    Seccomp s =
        new Seccomp(
            "SCMP_ACT_ALLOW", null, List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_VAX"), null, null);
    assertInvalid(s, "linux.seccomp.architectures[1]: unknown architecture \"SCMP_ARCH_VAX\"");
    assertInvalid(
        new Seccomp("SCMP_ACT_ALLOW", null, List.of("x86_64"), null, null),
        "linux.seccomp.architectures[0]: unknown architecture \"x86_64\"");
  }

  @Test
  void rejectsUnknownFlag() {
    Seccomp s =
        new Seccomp(
            "SCMP_ACT_ALLOW",
            null,
            null,
            List.of("SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_BOGUS"),
            null);
    assertInvalid(s, "linux.seccomp.flags[1]: unknown flag \"SECCOMP_FILTER_FLAG_BOGUS\"");
  }

  @Test
  void rejectsArgIndexOutOfRange() {
    assertInvalid(
        withRule(
            new Syscall(
                List.of("read"),
                "SCMP_ACT_ALLOW",
                null,
                List.of(new Arg(0, 1, 0, "SCMP_CMP_EQ"), new Arg(6, 1, 0, "SCMP_CMP_EQ")))),
        "linux.seccomp.syscalls[3].args[1].index: 6 is out of range 0..5");
    assertInvalid(
        withRule(
            new Syscall(
                List.of("read"),
                "SCMP_ACT_ALLOW",
                null,
                List.of(new Arg(-1, 1, 0, "SCMP_CMP_EQ")))),
        "linux.seccomp.syscalls[3].args[0].index: -1 is out of range 0..5");
  }

  @Test
  void rejectsUnknownOrMissingOp() {
    assertInvalid(
        withRule(
            new Syscall(
                List.of("read"),
                "SCMP_ACT_ALLOW",
                null,
                List.of(new Arg(0, 1, 0, "SCMP_CMP_BETWEEN")))),
        "linux.seccomp.syscalls[3].args[0].op: unknown operator \"SCMP_CMP_BETWEEN\"");
    assertInvalid(
        withRule(
            new Syscall(List.of("read"), "SCMP_ACT_ALLOW", null, List.of(new Arg(0, 1, 0, null)))),
        "linux.seccomp.syscalls[3].args[0].op: missing");
  }

  @Test
  void rejectsEmptyNames() {
    assertInvalid(
        withRule(new Syscall(List.of(), "SCMP_ACT_ALLOW", null, null)),
        "linux.seccomp.syscalls[3].names: no syscall names");
    assertInvalid(
        withRule(new Syscall(null, "SCMP_ACT_ALLOW", null, null)),
        "linux.seccomp.syscalls[3].names: no syscall names");
    assertInvalid(
        withRule(new Syscall(List.of("read", " "), "SCMP_ACT_ALLOW", null, null)),
        "linux.seccomp.syscalls[3].names[1]: empty syscall name");
  }

  @Test
  void reportsTheFirstBadField() {
    // Both the action and an op are wrong: the action comes first.
    Syscall twiceBad =
        new Syscall(List.of("read"), "SCMP_ACT_FOO", null, List.of(new Arg(0, 1, 0, "NOPE")));
    assertInvalid(
        withRule(twiceBad), "linux.seccomp.syscalls[3].action: unknown action \"SCMP_ACT_FOO\"");
    assertThatNoException()
        .isThrownBy(
            () ->
                SeccompValidator.validate(
                    withRule(new Syscall(Arrays.asList("x"), "SCMP_ACT_ALLOW", 0, null))));
  }
}
