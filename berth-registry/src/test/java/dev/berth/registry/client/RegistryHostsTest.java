package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryHostsTest {
  private final RegistryHosts hosts = new RegistryHosts(List.of("10.1.0.0/16",
      "registry.lan:5000"), List.of(URI.create("http://mirror.lan:5001")), Path.of("/nonexistent"));

  @Test
  void loopbackAndInsecureEntriesArePlainHttp() {
    assertThat(hosts.plainHttp("localhost:5000")).isTrue();
    assertThat(hosts.plainHttp("127.0.0.1:5000")).isTrue();
    assertThat(hosts.plainHttp("127.3.4.5")).isTrue();
    assertThat(hosts.plainHttp("[::1]:5000")).isTrue();
    assertThat(hosts.plainHttp("10.1.200.3:443")).isTrue();
    assertThat(hosts.plainHttp("registry.lan:5000")).isTrue();
    assertThat(hosts.plainHttp("registry.lan:5001")).isFalse();
    assertThat(hosts.plainHttp("10.2.0.1")).isFalse();
    assertThat(hosts.plainHttp("127.example.com")).isFalse();
    assertThat(hosts.plainHttp("quay.io")).isFalse();
  }

  @Test
  void dockerHubIsRegistryOneAfterItsMirrors() {
    List<RegistryEndpoint> e = hosts.pullEndpoints("docker.io");
    assertThat(e).extracting(x -> x.base().toString())
        .containsExactly("http://mirror.lan:5001", "https://registry-1.docker.io");
    assertThat(e.get(0).mirror()).isTrue();
    assertThat(e.get(1).credentialKey()).isEqualTo("https://index.docker.io/v1/");
    assertThat(hosts.pullEndpoints("quay.io")).extracting(x -> x.base().toString())
        .containsExactly("https://quay.io");
    assertThat(hosts.endpoint("localhost:5000").base().toString())
        .isEqualTo("http://localhost:5000");
  }
}
