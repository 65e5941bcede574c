package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.oci.image.Digest;
import dev.berth.registry.server.TestRegistry;
import dev.berth.registry.server.auth.HtpasswdTestSupport;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caller's answers to Basic and Bearer challenges from Berth's registry. */
class AuthenticatorTest {
  @TempDir Path dir;

  @Test
  void basicCredentialsAnswerTheChallenge() throws Exception {
    Path users = HtpasswdTestSupport.htpasswd(dir, "ann", "pw");
    try (TestRegistry r = new TestRegistry(c -> c.withBasicAuth(users))) {
      RegistryClient good = new RegistryClient(EndpointFixture.caller(r).endpoint(),
          Credentials.basic("ann", "pw"));
      good.checkLogin();
      // admitted: the repository just does not exist
      assertThatThrownBy(() -> good.listTags("x/y")).isInstanceOfSatisfying(
          RegistryException.class, e -> assertThat(e.code()).isEqualTo("NAME_UNKNOWN"));
      RegistryClient bad = new RegistryClient(EndpointFixture.caller(r).endpoint(),
          Credentials.basic("ann", "wrong"));
      assertThatThrownBy(bad::checkLogin).isInstanceOfSatisfying(RegistryException.class,
          e -> assertThat(e.status()).isEqualTo(401));
    }
  }

  @Test
  void bearerTokensAreFetchedPerScopeAndPushNeedsThePushGrant() throws Exception {
    Path users = HtpasswdTestSupport.htpasswd(dir, "ben", "pw", "rita", "pw2");
    Path access = dir.resolve("access");
    Files.writeString(access, "ben team/* pull,push\nrita team/* pull\n");
    try (TestRegistry r = new TestRegistry(c -> c.withTokenAuth(users, access, null))) {
      RegistryEndpoint endpoint = EndpointFixture.caller(r).endpoint();
      RegistryClient ben = new RegistryClient(endpoint, Credentials.basic("ben", "pw"));
      byte[] blob = "layer".getBytes();
      Digest d = Digest.of(blob);
      assertThat(ben.pushBlob("team/app", d, blob.length, null,
          () -> new ByteArrayInputStream(blob), n -> { }))
          .isEqualTo(RegistryClient.BlobPush.UPLOADED);
      assertThat(ben.blobExists("team/app", d)).isTrue();

      RegistryClient rita = new RegistryClient(endpoint, Credentials.basic("rita", "pw2"));
      assertThat(rita.blobExists("team/app", d)).isTrue();
      byte[] other = "other".getBytes();
      assertThatThrownBy(() -> rita.pushBlob("team/app", Digest.of(other), other.length, null,
          () -> new ByteArrayInputStream(other), n -> { }))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.status()).isEqualTo(401));

      RegistryClient wrong = new RegistryClient(endpoint, Credentials.basic("ben", "bad"));
      assertThatThrownBy(() -> wrong.blobExists("team/app", d))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.getMessage()).contains("incorrect username or password"));
    }
  }
}
