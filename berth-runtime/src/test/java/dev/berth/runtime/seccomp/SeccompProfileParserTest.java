package dev.berth.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.oci.runtime.Seccomp;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeccompProfileParserTest {
  static final String SAMPLE =
      """
      # a comment
      default errno=EPERM
      arch amd64 SCMP_ARCH_X86_64 SCMP_ARCH_X86

      allow
          read write   # names may share lines with comments
          close
      allow arg0&0x7E020000==0 !cap=CAP_SYS_ADMIN !arch=s390,s390x
          clone
      errno=ENOSYS !cap=CAP_SYS_ADMIN
          clone3
      allow arg1>=0x10 arg2!=7 cap=CAP_A,CAP_B kernel>=5.6
          thing
      kill kernel<4.0 arch=arm64
          old
      trace=5
          traced
      """;

  static Profile sample() {
    return ProfileParser.parse("sample", SAMPLE);
  }

  static Target target(Set<String> caps, String arch, String kernel) {
    return new Target(caps, arch, KernelVersion.parse(kernel));
  }

  @Test
  void readsDefaultArchesAndRules() {
    Profile p = sample();
    assertThat(p.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(p.defaultErrnoRet()).isEqualTo(1);
    assertThat(p.archMap()).containsEntry("amd64", List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"));
    assertThat(p.rules()).hasSize(6);
    assertThat(p.rules().getFirst().names()).containsExactly("read", "write", "close");
    assertThat(p.rules().getFirst().when()).isEqualTo(RuleCondition.ALWAYS);
  }

  @Test
  void maskedFilterPutsMaskInValueAndExpectedInValueTwo() {
    ProfileRule clone = sample().rules().get(1);
    assertThat(clone.args())
        .containsExactly(new Seccomp.Arg(0, 0x7E020000L, 0, "SCMP_CMP_MASKED_EQ"));
    assertThat(clone.when().noCaps()).containsExactly("CAP_SYS_ADMIN");
    assertThat(clone.when().notArches()).containsExactlyInAnyOrder("s390", "s390x");
  }

  @Test
  void readsActionsWithReturnValues() {
    List<ProfileRule> rules = sample().rules();
    assertThat(rules.get(2).action()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(rules.get(2).errnoRet()).isEqualTo(38);
    assertThat(rules.get(4).action()).isEqualTo("SCMP_ACT_KILL");
    assertThat(rules.get(4).errnoRet()).isNull();
    assertThat(rules.get(5).action()).isEqualTo("SCMP_ACT_TRACE");
    assertThat(rules.get(5).errnoRet()).isEqualTo(5);
  }

  @Test
  void readsComparisonsAndConditions() {
    ProfileRule thing = sample().rules().get(3);
    assertThat(thing.args())
        .containsExactly(
            new Seccomp.Arg(1, 16, 0, "SCMP_CMP_GE"), new Seccomp.Arg(2, 7, 0, "SCMP_CMP_NE"));
    assertThat(thing.when().allCaps()).containsExactlyInAnyOrder("CAP_A", "CAP_B");
    assertThat(thing.when().minKernel()).isEqualTo(new KernelVersion(5, 6));
  }

  @Test
  void conditionsDecideWhichRulesResolve() {
    Profile p = sample();
    Seccomp plain = p.resolve(target(Set.of(), "amd64", "6.1"));
    assertThat(plain.architectures()).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86");
    assertThat(names(plain))
        .containsExactlyInAnyOrder("read", "write", "close", "clone", "clone3", "traced");

    // "thing" needs both caps and a new kernel.
    assertThat(names(p.resolve(target(Set.of("CAP_A"), "amd64", "6.1")))).doesNotContain("thing");
    assertThat(names(p.resolve(target(Set.of("CAP_A", "CAP_B"), "amd64", "5.5"))))
        .doesNotContain("thing");
    assertThat(names(p.resolve(target(Set.of("CAP_A", "CAP_B"), "amd64", "5.6"))))
        .contains("thing");

    // CAP_SYS_ADMIN removes both restricting rules; s390x removes the clone filter.
    assertThat(names(p.resolve(target(Set.of("CAP_SYS_ADMIN"), "amd64", "6.1"))))
        .doesNotContain("clone", "clone3");
    assertThat(names(p.resolve(target(Set.of(), "s390x", "6.1")))).doesNotContain("clone");

    // "old" only on arm64 kernels before 4.0; an unmapped arch gets no architectures.
    Seccomp oldArm = p.resolve(target(Set.of(), "arm64", "3.18"));
    assertThat(names(oldArm)).contains("old");
    assertThat(oldArm.architectures()).isEmpty();
    assertThat(names(p.resolve(target(Set.of(), "arm64", "4.0")))).doesNotContain("old");
    assertThat(names(p.resolve(target(Set.of(), "amd64", "3.18")))).doesNotContain("old");
  }

  @Test
  void rulesWithTheSameActionAndFiltersMerge() {
    Profile p =
        ProfileParser.parse(
            "t",
            """
            default kill
            allow
                a b
            allow arg0==1
                c
            allow cap=CAP_X
                b d
            """);
    Seccomp s = p.resolve(target(Set.of("CAP_X"), "amd64", "6.1"));
    assertThat(s.defaultAction()).isEqualTo("SCMP_ACT_KILL");
    assertThat(s.defaultErrnoRet()).isNull();
    assertThat(s.syscalls()).hasSize(2);
    assertThat(s.syscalls().getFirst().names()).containsExactly("a", "b", "d");
    assertThat(s.syscalls().get(1).names()).containsExactly("c");
  }

  @Test
  void theShippedProfileParses() {
    Profile p = DefaultSeccompProfile.profile();
    assertThat(p.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(p.archMap()).containsKeys("amd64", "arm64", "s390x", "riscv64", "loongarch64");
    assertThat(p.rules()).hasSizeGreaterThan(30);
  }

  @Test
  void errorsNameTheLine() {
    assertError(
        "default allow\nallow\n    read\nfrobnicate\n    x\n",
        "t line 4: unknown action \"frobnicate\"");
    assertError("default allow\nallow arg6==1\n    x\n", "t line 2: argument index 6");
    assertError("default allow\nallow arg0=1\n    x\n", "t line 2: bad argument filter \"arg0=1\"");
    assertError("default allow\nallow arg0<0xZZ\n    x\n", "t line 2: bad number \"0xZZ\"");
    assertError(
        "default allow\nallow arg0&3<1\n    x\n",
        "t line 2: a masked filter compares with == only");
    assertError(
        "default allow\nallow cap=SYS_ADMIN\n    x\n", "t line 2: capability \"SYS_ADMIN\"");
    assertError("default allow\nallow arch=amd64,\n    x\n", "t line 2: empty item in list");
    assertError("default allow\nallow kernel>=5\n    x\n", "t line 2: bad kernel version \"5\"");
    assertError("default allow\nallow sometimes\n    x\n", "t line 2: unknown term \"sometimes\"");
    assertError("default errno=EWHAT\n", "t line 1: bad errno \"EWHAT\"");
    assertError("default allow\n    read\n", "t line 2: syscall names outside a rule");
    assertError("default allow\nallow\n\ndefault allow\n", "t line 2: rule names no syscalls");
    assertError("default allow\ndefault kill\n", "t line 2: second \"default\" statement");
    assertError(
        "default allow\narch amd64 SCMP_ARCH_VAX\n",
        "t line 2: unknown architecture \"SCMP_ARCH_VAX\"");
    assertError("allow\n    read\n", "t: no \"default\" statement");
  }

  static void assertError(String text, String message) {
    assertThatThrownBy(() -> ProfileParser.parse("t", text))
        .isInstanceOf(BerthException.class)
        .hasMessageStartingWith(message)
        .extracting(e -> ((BerthException) e).kind())
        .isEqualTo(ErrorKind.INVALID_ARGUMENT);
  }

  static List<String> names(Seccomp s) {
    return s.syscalls().stream().flatMap(c -> c.names().stream()).toList();
  }
}
