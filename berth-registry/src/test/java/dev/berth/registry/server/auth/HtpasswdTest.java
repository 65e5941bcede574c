package dev.berth.registry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtpasswdTest {
  @TempDir
  Path dir;

  @Test
  void bcryptEntriesFromHtpasswdCheck() throws Exception {
    Htpasswd users = Htpasswd.read(HtpasswdTestSupport.htpasswd(dir, "alice", "s3cret"));
    assertThat(users.check("alice", "s3cret")).isTrue();
    assertThat(users.check("alice", "wrong")).isFalse();
    assertThat(users.check("bob", "s3cret")).isFalse();
  }

  @Test
  void weakHashesAreRefused() throws Exception {
    Path file = dir.resolve("md5");
    Files.writeString(file, "alice:$apr1$abcdefgh$0123456789abcdefghijkl\n");
    assertThatThrownBy(() -> Htpasswd.read(file)).isInstanceOf(BerthException.class)
        .hasMessageContaining("md5:1").hasMessageContaining("bcrypt");
  }
}
