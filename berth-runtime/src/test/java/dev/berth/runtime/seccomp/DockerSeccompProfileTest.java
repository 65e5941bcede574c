package dev.berth.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.runtime.Seccomp;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerSeccompProfileTest {
  private static final String PROFILE = """
      {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
       "archMap": [{"architecture": "SCMP_ARCH_X86_64",
                    "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
                   {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}],
       "syscalls": [
         {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
         {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
         {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
          "args": [{"index": 0, "value": 8, "valueTwo": 0, "op": "SCMP_CMP_EQ"}],
          "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
         {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64"]}},
         {"names": ["newer"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "7.1"}},
         {"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}
       ]}
      """;

  private static Seccomp resolve(Set<String> caps, String arch) {
    return DockerSeccompProfile.resolve(PROFILE, caps, arch, KernelVersion.parse("6.1.0"));
  }

  @Test
  void archMapPicksTheNativeArchitectureAndItsSubArchitectures() {
    assertThat(resolve(Set.of(), "amd64").architectures())
        .containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
    assertThat(resolve(Set.of(), "arm64").architectures())
        .containsExactly("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
  }

  @Test
  void rulesCountOnlyWhenTheirIncludesHoldAndExcludesDoNot() {
    Seccomp plain = resolve(Set.of("CAP_CHOWN"), "amd64");
    assertThat(plain.syscalls()).flatExtracting(Seccomp.Syscall::names)
        .containsExactly("read", "write", "personality", "arch_prctl", "mkdir");
    Seccomp admin = resolve(Set.of("SYS_ADMIN"), "arm64");
    assertThat(admin.syscalls()).flatExtracting(Seccomp.Syscall::names)
        .containsExactly("read", "write", "mount", "mkdir");
    assertThat(plain.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(plain.defaultErrnoRet()).isEqualTo(1);
    Seccomp.Syscall personality = plain.syscalls().get(1);
    assertThat(personality.args()).containsExactly(new Seccomp.Arg(0, 8, 0, "SCMP_CMP_EQ"));
    assertThat(plain.syscalls().getLast().errnoRet()).isEqualTo(13);
  }

  @Test
  void aProfileThatIsNotJsonOrHasNoDefaultActionIsRefused() {
    assertThatThrownBy(() -> DockerSeccompProfile.resolve("{not json", Set.of()))
        .hasMessageStartingWith("decoding seccomp profile failed");
    assertThatThrownBy(() -> DockerSeccompProfile.resolve("{\"syscalls\": []}", Set.of()))
        .hasMessage("decoding seccomp profile failed: no defaultAction");
  }
}
