package dev.berth.cli.network;

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
 * {@code berth network ...} (a child JVM) against a real in-process berthd, compared with the
 * docker CLI v28 on the same daemon: output, errors and exit codes.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NetworkCommandsTest {
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
      for (String n : new String[] {"bn1", "bn2", "dn2", "pr1", "pr2"}) {
        d.docker("network", "rm", "-f", n);
      }
      d.close();
    }
  }

  @Test
  void createInspectListRemoveLikeDocker() throws Exception {
    Result created = d.berth("network", "create", "--subnet", "10.231.0.0/24", "--gateway",
        "10.231.0.1", "--ip-range", "10.231.0.128/25", "--label", "tier=front", "-o", "com.example.x=y", "--internal", "--attachable", "bn1");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).matches("[0-9a-f]{64}\n");
    // the same flags through docker give the same network
    Result dockers = d.docker("network", "create", "--subnet", "10.232.0.0/24", "--gateway",
        "10.232.0.1", "--ip-range", "10.232.0.128/25", "--label", "tier=front", "-o", "com.example.x=y", "--internal", "--attachable", "dn2");
    assertThat(dockers.code()).as(dockers.err()).isZero();
    String shape = "{{.Driver}} {{.Internal}} {{.Attachable}} {{json .Labels}} {{json .Options}}"
        + " {{range .IPAM.Config}}{{.IPRange}}{{end}}";
    assertThat(d.berth("network", "inspect", "-f", shape, "bn1").out())
        .isEqualTo(d.docker("network", "inspect", "-f", shape, "dn2").out().replace("232", "231"))
        .isEqualTo("bridge true true {\"tier\":\"front\"} {\"com.example.x\":\"y\"}"
            + " 10.231.0.128/25\n");

    Result ls = SameAsDocker.check(d, "network", "ls");
    assertThat(ls.out()).startsWith("NETWORK ID     NAME      DRIVER    SCOPE\n").contains(" bn1 ");
    SameAsDocker.check(d, "network", "ls", "-q");
    SameAsDocker.check(d, "network", "ls", "--no-trunc");
    SameAsDocker.check(d, "network", "list", "--format", "{{.Name}}\\t{{.Label \"tier\"}}");
    SameAsDocker.check(d, "network", "ls", "--format", "table {{.Name}}\\t{{.Internal}}\\t{{.IPv6}}");
    SameAsDocker.check(d, "network", "ls", "--format", "json");
    SameAsDocker.check(d, "network", "ls", "-f", "name=bn", "-f", "driver=bridge");
    SameAsDocker.check(d, "network", "ls", "--format", "{{.CreatedAt}}", "-f", "name=bn1");
    SameAsDocker.check(d, "network", "inspect", "bn1");
    SameAsDocker.check(d, "network", "inspect", "-f", "{{.Name}} {{json .IPAM.Config}}", "bn1", "dn2");
    SameAsDocker.check(d, "network", "inspect", "-f", "json", "bn1");

    // each CLI removes its own network (the first one's removal changes what the second sees)
    Result rm = d.berth("network", "rm", "bn1", "nosuch");
    Result dockerRm = d.docker("network", "rm", "dn2", "nosuch");
    assertThat(rm.out()).isEqualTo("bn1\n");
    assertThat(dockerRm.out()).isEqualTo("dn2\n");
    assertThat(rm.err()).isEqualTo(dockerRm.err()).contains("nosuch");
    assertThat(rm.code()).isEqualTo(dockerRm.code()).isEqualTo(1);
  }

  @Test
  void connectAndDisconnectACreatedContainer() throws Exception {
    assertThat(d.berth("network", "create", "bn1").code()).isZero();
    assertThat(d.berth("create", "--name", "c1", "busybox").code()).isZero();
    Result connect = d.berth("network", "connect", "--alias", "web", "--alias", "www", "bn1", "c1");
    assertThat(connect.code()).as(connect.err()).isZero();
    assertThat(connect.out()).isEmpty();
    assertThat(d.berth("inspect", "-f", "{{json .NetworkSettings.Networks.bn1.Aliases}}", "c1")
        .out()).contains("\"web\"", "\"www\"");
    SameAsDocker.check(d, "network", "connect", "bn1", "c1");
    Result off = d.berth("network", "disconnect", "bn1", "c1");
    assertThat(off.code()).as(off.err()).isZero();
    assertThat(d.berth("inspect", "-f", "{{json .NetworkSettings.Networks}}", "c1").out())
        .doesNotContain("bn1");
    SameAsDocker.check(d, "network", "disconnect", "bn1", "c1");
    SameAsDocker.check(d, "network", "disconnect", "-f", "nosuch", "c1");
    SameAsDocker.check(d, "network", "connect", "nosuch", "c1");
    SameAsDocker.check(d, "network", "connect", "bn1", "nosuch");
  }

  @Test
  void pruneRemovesUnusedNetworksAndPromptsAsDocker() throws Exception {
    // stdin is /dev/null: the prompt reads no "y", nothing is removed
    assertThat(d.berth("network", "create", "pr1").code()).isZero();
    Result asked = SameAsDocker.check(d, "network", "prune");
    assertThat(asked.out()).startsWith("WARNING! This will remove all custom networks");
    Result berth = d.berth("network", "prune", "-f");
    assertThat(berth.out()).isEqualTo("Deleted Networks:\npr1\n\n");
    assertThat(d.berth("network", "create", "pr1").code()).isZero();
    assertThat(d.docker("network", "prune", "-f").out()).isEqualTo(berth.out());
    SameAsDocker.check(d, "network", "prune", "-f");
    SameAsDocker.check(d, "network", "prune", "-f", "--filter", "bogus=1");
  }

  @Test
  void badInputReadsAsDockers() throws Exception {
    assertThat(d.berth("network", "create", "bn1").code()).isZero();
    String[][] cases = {
        {"network", "create"}, {"network", "create", "a", "b"}, {"network", "create", "bn1"},
        {"network", "create", "--gateway", "10.9.0.1", "x"},
        {"network", "create", "--subnet", "10.9.0.0/24", "--ip-range", "10.8.0.0/25", "x"},
        {"network", "create", "--subnet", "10.9.0.0/24", "--gateway", "10.8.0.1", "x"},
        {"network", "create", "--subnet", "10.9.0.0/16,10.9.1.0/24", "x"},
        {"network", "inspect"}, {"network", "inspect", "nosuch"},
        {"network", "inspect", "-f", "{{.Nope}}", "bn1"},
        {"network", "rm"}, {"network", "rm", "nosuch"}, {"network", "rm", "-f", "nosuch"},
        {"network", "connect", "bn1"}, {"network", "disconnect"}, {"network", "ls", "x"},
        {"network", "ls", "--format", "{{.Nope}}"}, {"network", "ls", "-f", "bogus=1"},
        {"network", "create", "--bogus", "x"},
    };
    for (String[] c : cases) {
      SameAsDocker.check(d, c);
    }
  }
}
