package dev.berth.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.Berthd;
import dev.berth.cli.Berthd.Result;

/**
 * Runs a command with berth and with the real docker CLI on the same daemon and asserts the
 * same exit code, stdout and stderr ("docker" read as "berth"). Relative times ("5 seconds
 * ago") can tick between the two runs, so a differing pair is run again, up to three times.
 */
public final class SameAsDocker {
  private SameAsDocker() {}

  public static Result check(Berthd d, String... args) throws Exception {
    Result berth = null;
    Result docker = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      berth = d.berth(args);
      docker = d.docker(args);
      if (same(berth, docker)) {
        break;
      }
    }
    assertThat(berth.out()).as("stdout of %s", String.join(" ", args)).isEqualTo(docker.out());
    assertThat(berth.err()).as("stderr of %s", String.join(" ", args))
        .isEqualTo(berthWords(docker.err()));
    assertThat(berth.code()).as("exit code of %s", String.join(" ", args)).isEqualTo(docker.code());
    return berth;
  }

  private static boolean same(Result b, Result d) {
    return b.code() == d.code() && b.out().equals(d.out())
        && b.err().equals(berthWords(d.err()));
  }

  /** "docker" as a word (the program), not inside Go type names such as system.dockerInfo. */
  private static String berthWords(String s) {
    return s.replaceAll("(?<![\\w.])docker(?!\\w)", "berth");
  }
}
