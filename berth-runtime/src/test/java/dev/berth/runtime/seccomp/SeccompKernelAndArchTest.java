package dev.berth.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import org.junit.jupiter.api.Test;

/** The host facts a profile is resolved against: kernel release and native arch name. */
class SeccompKernelAndArchTest {
  @Test
  void kernelReleaseKeepsMajorAndMinor() {
    assertThat(KernelVersion.parse("6.1.0-18-amd64")).isEqualTo(new KernelVersion(6, 1));
    assertThat(KernelVersion.parse("3.12-1-amd64")).isEqualTo(new KernelVersion(3, 12));
    assertThat(KernelVersion.parse("5.15.0-rc2+")).isEqualTo(new KernelVersion(5, 15));
    assertThat(KernelVersion.parse("6.18.44-fc-v669")).isEqualTo(new KernelVersion(6, 18));
  }

  @Test
  void kernelVersionsCompareNumerically() {
    assertThat(new KernelVersion(4, 10).atLeast(new KernelVersion(4, 8))).isTrue();
    assertThat(new KernelVersion(4, 8).atLeast(new KernelVersion(4, 8))).isTrue();
    assertThat(new KernelVersion(4, 7).atLeast(new KernelVersion(4, 8))).isFalse();
    assertThat(new KernelVersion(5, 0).atLeast(new KernelVersion(4, 20))).isTrue();
    assertThat(new KernelVersion(3, 99).atLeast(new KernelVersion(4, 0))).isFalse();
  }

  @Test
  void runningKernelParses() {
    assertThat(KernelVersion.running().major()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void badReleasesAreRejectedNamingThem() {
    assertThatThrownBy(() -> KernelVersion.parse("linux"))
        .isInstanceOf(BerthException.class)
        .hasMessage("kernel release \"linux\": expected <major>.<minor>");
    assertThatThrownBy(() -> KernelVersion.parse("6"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("\"6\"");
    assertThatThrownBy(() -> DefaultSeccompProfile.resolve(java.util.Set.of(), "amd64", "x.y"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("\"x.y\"");
  }

  @Test
  void javaArchNamesMapToLibseccompNames() {
    assertThat(HostArch.nativeName("amd64")).isEqualTo("amd64");
    assertThat(HostArch.nativeName("x86_64")).isEqualTo("amd64");
    assertThat(HostArch.nativeName("aarch64")).isEqualTo("arm64");
    assertThat(HostArch.nativeName("i386")).isEqualTo("x86");
    assertThat(HostArch.nativeName("arm")).isEqualTo("arm");
    assertThat(HostArch.nativeName("ppc64le")).isEqualTo("ppc64le");
    assertThat(HostArch.nativeName("s390x")).isEqualTo("s390x");
    assertThat(HostArch.nativeName("mips64el")).isEqualTo("mipsel64");
    assertThat(HostArch.nativeName("loongarch64")).isEqualTo("loongarch64");
  }
}
