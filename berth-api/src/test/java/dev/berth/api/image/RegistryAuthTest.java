package dev.berth.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.registry.client.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryAuthTest {
  private static String url(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void emptyObjectAndMissingHeaderAreAnonymous() {
    assertThat(RegistryAuth.fromHeader("e30=").credentials().anonymous()).isTrue();
    assertThat(RegistryAuth.fromHeader(null).credentials().anonymous()).isTrue();
  }

  @Test
  void urlAlphabetWithoutPaddingAndTheAuthField() {
    // '?' and '>' give '/' and '+' in the standard alphabet, '_' and '-' in the URL one
    String json = "{\"username\":\"u??>\",\"password\":\"p>>?\",\"serveraddress\":\"h:5000\"}";
    RegistryAuth a = RegistryAuth.fromHeader(url(json));
    assertThat(a.credentials()).isEqualTo(Credentials.basic("u??>", "p>>?"));
    assertThat(a.registryDomain()).isEqualTo("h:5000");
    String auth = Base64.getEncoder().encodeToString("al:pw".getBytes(StandardCharsets.UTF_8));
    assertThat(RegistryAuth.fromHeader(url("{\"auth\":\"" + auth + "\"}")).credentials())
        .isEqualTo(Credentials.basic("al", "pw"));
  }

  @Test
  void loginAddressesNameTheRegistry() {
    assertThat(RegistryAuth.fromJson("{\"serveraddress\":\"https://index.docker.io/v1/\"}"
        .getBytes()).registryDomain()).isEqualTo("docker.io");
    assertThat(RegistryAuth.fromJson("{}".getBytes()).registryDomain()).isEqualTo("docker.io");
    assertThat(RegistryAuth.fromJson("{\"serveraddress\":\"http://localhost:5000/v2/\"}"
        .getBytes()).registryDomain()).isEqualTo("localhost:5000");
  }

  @Test
  void garbageIsABadRequestNamingTheHeader() {
    assertThatThrownBy(() -> RegistryAuth.fromHeader("!!!"))
        .isInstanceOf(BerthException.class).hasMessageContaining("X-Registry-Auth");
  }
}
