package dev.berth.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Berthd;
import dev.berth.cli.Berthd.Result;
import dev.berth.cli.image.SameAsDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth volume ...} (a child JVM) against a real in-process berthd, compared with the
 * docker CLI v28 on the same daemon: output, errors and exit codes.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class VolumeCommandsTest {
  @TempDir Path tmp;
  private Berthd d;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(Berthd.DOCKER)), "needs the docker CLI");
    d = Berthd.start(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    if (d != null) {
      try {
        for (var c : d.engine.list(true)) {
          d.engine.remove(c.id(), true);
        }
        d.docker("volume", "prune", "-a", "-f");
      } finally {
        d.close();
      }
    }
  }

  @Test
  void createListInspectRemoveLikeDocker() throws Exception {
    Result named = d.berth("volume", "create", "--label", "tier=front", "-o", "type=tmpfs", "-o",
        "device=tmpfs", "-d", "local", "bv1");
    assertThat(named.code()).as(named.err()).isZero();
    assertThat(named.out()).isEqualTo("bv1\n");
    Result anonymous = d.berth("volume", "create");
    assertThat(anonymous.code()).as(anonymous.err()).isZero();
    assertThat(anonymous.out()).matches("[0-9a-f]{64}\n");
    assertThat(d.docker("volume", "create", "--label", "tier=front", "-o", "type=tmpfs", "-o",
        "device=tmpfs", "dv2").code()).isZero();
    String shape = "{{.Driver}} {{json .Labels}} {{json .Options}} {{.Scope}}";
    assertThat(d.berth("volume", "inspect", "-f", shape, "bv1").out())
        .isEqualTo(d.docker("volume", "inspect", "-f", shape, "dv2").out())
        .isEqualTo("local {\"tier\":\"front\"} {\"device\":\"tmpfs\",\"type\":\"tmpfs\"} local\n");

    Result ls = SameAsDocker.check(d, "volume", "ls");
    assertThat(ls.out()).startsWith("DRIVER    VOLUME NAME\n").contains("local     bv1\n");
    SameAsDocker.check(d, "volume", "ls", "-q");
    SameAsDocker.check(d, "volume", "list", "--format", "{{.Name}}: {{.Labels}} {{.Label \"tier\"}}"
        + " {{.Mountpoint}} {{.Links}} {{.Size}}");
    SameAsDocker.check(d, "volume", "ls", "--format", "table {{.Name}}\\t{{.Scope}}\\t{{.Driver}}");
    SameAsDocker.check(d, "volume", "ls", "--format", "json");
    SameAsDocker.check(d, "volume", "ls", "-f", "label=tier=front");
    SameAsDocker.check(d, "volume", "ls", "-f", "dangling=true", "-q");
    SameAsDocker.check(d, "volume", "inspect", "bv1", "dv2");
    SameAsDocker.check(d, "volume", "inspect", "-f", "json", "bv1");
    SameAsDocker.check(d, "volume", "inspect", "-f", "{{.Name}} {{.Mountpoint}}", "bv1", "nosuch");

    assertThat(d.berth("create", "--name", "user", "-v", "bv1:/data", "busybox").code()).isZero();
    SameAsDocker.check(d, "volume", "rm", "bv1");
    // each CLI removes its own volume (the first one's removal changes what the second sees)
    Result rm = d.berth("volume", "rm", "nosuch", "dv2");
    assertThat(d.berth("volume", "create", "dv3").code()).isZero();
    Result dockerRm = d.docker("volume", "rm", "nosuch", "dv3");
    assertThat(rm.out()).isEqualTo("dv2\n");
    assertThat(dockerRm.out()).isEqualTo("dv3\n");
    assertThat(rm.err()).isEqualTo(dockerRm.err()).contains("nosuch");
    assertThat(rm.code()).isEqualTo(dockerRm.code()).isEqualTo(1);
  }

  @Test
  void pruneTakesAnonymousVolumesOrAllWithA() throws Exception {
    Result asked = SameAsDocker.check(d, "volume", "prune");
    assertThat(asked.out()).startsWith("WARNING! This will remove anonymous local volumes");
    SameAsDocker.check(d, "volume", "prune", "-a");
    String anon = anonymousVolume("c1");
    assertThat(d.berth("volume", "create", "keep").code()).isZero();
    Result berth = d.berth("volume", "prune", "-f");
    assertThat(berth.out()).isEqualTo("Deleted Volumes:\n" + anon + "\n\nTotal reclaimed space: 0B\n");
    String anon2 = anonymousVolume("c2");
    assertThat(d.docker("volume", "prune", "-f").out()).isEqualTo(berth.out().replace(anon, anon2));
    SameAsDocker.check(d, "volume", "prune", "-f");
    Result all = d.berth("volume", "prune", "-a", "-f");
    assertThat(all.out()).isEqualTo("Deleted Volumes:\nkeep\n\nTotal reclaimed space: 0B\n");
    SameAsDocker.check(d, "volume", "prune", "-a", "-f", "--filter", "all=1");
    SameAsDocker.check(d, "volume", "prune", "-f", "--filter", "bogus=1");
  }

  /** A container's anonymous volume, left behind when the container is removed without -v. */
  private String anonymousVolume(String container) throws Exception {
    assertThat(d.berth("create", "--name", container, "-v", "/data", "busybox").code()).isZero();
    String name = d.berth("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", container).out()
        .trim();
    assertThat(name).matches("[0-9a-f]{64}");
    assertThat(d.berth("rm", container).code()).isZero();
    return name;
  }

  @Test
  void badInputReadsAsDockers() throws Exception {
    assertThat(d.berth("volume", "create", "bv1").code()).isZero();
    String[][] cases = {
        {"volume", "create", "a", "b"}, {"volume", "create", "--name", "x", "y"},
        {"volume", "create", "-d", "nosuchdriver", "x"}, {"volume", "create", "bad/name"},
        {"volume", "inspect"}, {"volume", "inspect", "nosuch"},
        {"volume", "inspect", "-f", "{{.Nope}}", "bv1"}, {"volume", "rm"},
        {"volume", "rm", "nosuch"}, {"volume", "rm", "-f", "nosuch"}, {"volume", "ls", "x"},
        {"volume", "ls", "--format", "{{.Nope}}"}, {"volume", "ls", "-f", "bogus=1"},
        {"volume", "prune", "x"},
    };
    for (String[] c : cases) {
      SameAsDocker.check(d, c);
    }
  }
}
