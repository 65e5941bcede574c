package dev.berth.oci.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformTest {
  @Test
  void hostIsLinuxWithGoArchName() {
    Platform host = Platform.host();
    assertThat(host.os()).isEqualTo("linux");
    String expected = switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> host.architecture();
    };
    assertThat(host.architecture()).isEqualTo(expected);
  }

  @Test
  void mapsJavaArchNamesToGo() {
    assertThat(Platform.goArch("x86_64")).isEqualTo("amd64");
    assertThat(Platform.goArch("amd64")).isEqualTo("amd64");
    assertThat(Platform.goArch("aarch64")).isEqualTo("arm64");
    assertThat(Platform.goArch("i686")).isEqualTo("386");
    assertThat(Platform.goArch("ppc64le")).isEqualTo("ppc64le");
    assertThat(Platform.goArch("s390x")).isEqualTo("s390x");
    assertThat(Platform.goArch("riscv64")).isEqualTo("riscv64");
  }

  @Test
  void matchesOsArchAndVariantWhenWanted() {
    Platform armV8 = Platform.parse("linux/arm64/v8");
    Platform armBare = Platform.parse("linux/arm64");
    assertThat(armV8.matches(Platform.parse("linux/arm64"))).isTrue();
    assertThat(armBare.matches(Platform.parse("linux/arm64/v8"))).isTrue();
    assertThat(armV8.matches(Platform.parse("linux/arm64/v9"))).isFalse();
    assertThat(armV8.matches(Platform.parse("linux/amd64"))).isFalse();
    assertThat(armV8.matches(Platform.parse("windows/arm64"))).isFalse();
    assertThat(Platform.parse("linux/arm/v6").matches(Platform.parse("linux/arm/v7"))).isFalse();
    assertThat(Platform.parse("linux/arm").matches(Platform.parse("linux/arm/v7"))).isTrue();
  }

  @Test
  void parseAndToString() {
    assertThat(Platform.parse("linux/arm64/v8").toString()).isEqualTo("linux/arm64/v8");
    assertThat(Platform.parse("linux/amd64").variant()).isNull();
    assertThatThrownBy(() -> Platform.parse("linux"))
        .isInstanceOf(BerthException.class).hasMessageContaining("\"linux\"");
    assertThatThrownBy(() -> Platform.parse("linux/"))
        .isInstanceOf(BerthException.class).hasMessageContaining("architecture is empty");
  }

  @Test
  void jsonUsesDottedNames() throws Exception {
    ObjectMapper m = new ObjectMapper();
    Platform p = new Platform("amd64", "windows", "10.0.17763.1879", List.of("win32k"), null);
    String json = m.writeValueAsString(p);
    assertThat(m.readTree(json)).isEqualTo(m.readTree("""
        {"architecture":"amd64","os":"windows","os.version":"10.0.17763.1879",
         "os.features":["win32k"]}"""));
    assertThat(m.readValue(json, Platform.class)).isEqualTo(p);
  }
}
