package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
  @TempDir Path dir;

  @Test
  void authsEntryIsDecodedAndStoreThenEraseRoundTrips() throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
        + java.util.Base64.getEncoder().encodeToString("al:pa:ss".getBytes()) + "\"}}}");
    DockerConfigCredentials store = new DockerConfigCredentials(file);
    assertThat(store.get("https://index.docker.io/v1/")).isEqualTo(Credentials.basic("al", "pa:ss"));
    assertThat(store.get("localhost:5000").anonymous()).isTrue();
    store.store("localhost:5000", Credentials.basic("bo", "pw"));
    assertThat(new DockerConfigCredentials(file).get("localhost:5000"))
        .isEqualTo(Credentials.basic("bo", "pw"));
    store.erase("localhost:5000");
    assertThat(store.get("localhost:5000").anonymous()).isTrue();
    assertThat(store.get("https://index.docker.io/v1/").username()).isEqualTo("al");
  }

  @Test
  void credHelperIsAskedWithTheServerOnStdin() throws Exception {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path helper = bin.resolve("docker-credential-berthtest");
    // answers only for reg.example:5000, with an identity token for the other
    Files.writeString(helper, """
        #!/bin/sh
        read server
        case "$server" in
          reg.example:5000) echo '{"ServerURL":"reg.example:5000","Username":"hu","Secret":"hs"}';;
          tok.example) echo '{"ServerURL":"tok.example","Username":"<token>","Secret":"rt"}';;
          *) echo "credentials not found in native keychain"; exit 1;;
        esac
        """);
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"credsStore\":\"other\",\"credHelpers\":{"
        + "\"reg.example:5000\":\"berthtest\",\"tok.example\":\"berthtest\","
        + "\"none.example\":\"berthtest\"}}");
    DockerConfigCredentials store = new DockerConfigCredentials(file, bin);
    assertThat(store.get("reg.example:5000")).isEqualTo(Credentials.basic("hu", "hs"));
    assertThat(store.get("tok.example")).isEqualTo(new Credentials(null, null, "rt"));
    assertThat(store.get("none.example").anonymous()).isTrue();
  }
}
