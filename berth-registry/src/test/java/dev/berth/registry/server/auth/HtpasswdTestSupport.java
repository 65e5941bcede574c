package dev.berth.registry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** htpasswd files made with Apache's own {@code htpasswd -B}, as an administrator would. */
public final class HtpasswdTestSupport {
  private HtpasswdTestSupport() {}

  /** users: name, password, name, password, … */
  public static Path htpasswd(Path dir, String... users) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("htpasswd");
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < users.length; i += 2) {
      Process p = new ProcessBuilder("htpasswd", "-Bbn", users[i], users[i + 1])
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      all.append(new String(p.getInputStream().readAllBytes()).strip()).append('\n');
      assertThat(p.waitFor()).isZero();
    }
    Files.writeString(file, all);
    return file;
  }
}
