package dev.berth.cli.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Berthd;
import dev.berth.cli.Berthd.Result;
import dev.berth.cli.image.SameAsDocker;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * version, info, events, system df and system prune (a child JVM) against a real in-process
 * berthd, compared with the docker CLI v28 on the same daemon.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SystemCommandsTest {
  @TempDir Path tmp;
  private Berthd d;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    d = Berthd.start(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    if (d != null) {
      d.close();
    }
  }

  @Test
  void versionShowsBerthAndTheServerAsDockerDoes() throws Exception {
    Result berth = d.berth("version");
    assertThat(berth.code()).as(berth.err()).isZero();
    assertThat(berth.out()).startsWith("Client: Berth\n Version:           0.1.0\n API version:       1.44\n");
    assertThat(berth.out()).contains("\n OS/Arch:           linux/", "\n Context:           default\n");
    assertThat(server(berth.out())).isEqualTo(server(d.docker("version").out()));
    SameAsDocker.check(d, "version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{json .Server.Components}}");
    SameAsDocker.check(d, "version", "-f", "{{.Nope}}");
    SameAsDocker.check(d, "version", "-f", "{{.Client.Nope");
    assertThat(d.berth("version", "-f", "{{.Client.Version}} {{.Client.APIVersion}}").out())
        .isEqualTo("0.1.0 1.44\n");
  }

  @Test
  void infoServerSectionIsDockers() throws Exception {
    Result berth = d.berth("info");
    assertThat(berth.code()).as(berth.err()).isZero();
    assertThat(berth.out()).startsWith("Client: Berth\n Version:    0.1.0\n Context:    default\n Debug Mode: false\n\nServer:\n Containers: 0\n");
    assertThat(server(berth.out())).isEqualTo(server(d.docker("info").out()));
    SameAsDocker.check(d, "info", "--format", "{{.Images}} {{.Driver}} {{json .Plugins}}");
    SameAsDocker.check(d, "system", "info", "-f", "{{.Nope}}");
    SameAsDocker.check(d, "info", "-f", "{{.Nope");
  }

  @Test
  void eventsBetweenTwoTimesLikeDocker() throws Exception {
    assertThat(d.berth("run", "--rm", "--network", "none", "--name", "ev", "busybox", "true").code()).isZero();
    assertThat(d.berth("tag", "busybox", "evt:1").code()).isZero();
    // a unix time both CLIs pass on as it is: "0s" is the current whole second, which these
    // events, a few ms old, may still be in
    java.time.Instant now = java.time.Instant.now();
    String until = now.getEpochSecond() + "." + String.format("%09d", now.getNano());
    Result lines = SameAsDocker.check(d, "events", "--since", "10m", "--until", until);
    assertThat(lines.out()).containsPattern(
        "(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}(Z|[+-]\\d\\d:\\d\\d) container start [0-9a-f]{64} \\(image=busybox, name=ev\\)$");
    SameAsDocker.check(d, "events", "--since", "10m", "--until", until, "--format", "json");
    SameAsDocker.check(d, "system", "events", "--since", "10m", "--until", until, "-f", "type=image",
        "--format", "{{.Type}} {{.Action}} {{.Status}} {{.Actor.Attributes.name}} {{.Actor.Attributes.nope}}");
    SameAsDocker.check(d, "events", "--until", "0s", "--format", "{{.Nope}}");
    SameAsDocker.check(d, "events", "--until", "0s", "--format", "{{json.}}");
  }

  @Test
  void diskUsageLikeDocker() throws Exception {
    assertThat(d.berth("create", "--network", "none", "--name", "idle", "busybox", "true").code()).isZero();
    SameAsDocker.check(d, "system", "df");
    SameAsDocker.check(d, "system", "df", "-v");
    SameAsDocker.check(d, "system", "df", "--format", "json");
    SameAsDocker.check(d, "system", "df", "--format", "{{.Type}}: {{.Reclaimable}}");
    SameAsDocker.check(d, "system", "df", "-v", "--format", "{{json .}}");
    SameAsDocker.check(d, "system", "df", "--format", "{{.Nope}}");
    SameAsDocker.check(d, "system", "df", "x");
    SameAsDocker.check(d, "version", "x");
    SameAsDocker.check(d, "events", "x");
  }

  @Test
  void systemPruneWarnsAndRemovesStoppedContainers() throws Exception {
    Result no = d.berthWithInput("n\n".getBytes(), "system", "prune", "-a", "--volumes", "--filter", "label=a=b");
    assertThat(no.out()).isEqualTo("""
        WARNING! This will remove:
          - all stopped containers
          - all networks not used by at least one container
          - all anonymous volumes not used by at least one container
          - all images without at least one container associated to them
          - all build cache

          Items to be pruned will be filtered with:
          - label=a=b

        Are you sure you want to continue? [y/N] \
        """);
    assertThat(no.code()).isZero();
    Result plain = d.berthWithInput("\n".getBytes(), "system", "prune");
    assertThat(plain.out()).isEqualTo("""
        WARNING! This will remove:
          - all stopped containers
          - all networks not used by at least one container
          - all dangling images
          - unused build cache

        Are you sure you want to continue? [y/N] \
        """);
    Result created = d.berth("create", "--network", "none", "busybox", "true");
    String id = created.out().trim();
    Result pruned = d.berth("system", "prune", "-f");
    assertThat(pruned.code()).as(pruned.err()).isZero();
    assertThat(pruned.out()).isEqualTo("Deleted Containers:\n" + id + "\n\nTotal reclaimed space: 0B\n");
    SameAsDocker.check(d, "system", "prune", "-f");
    SameAsDocker.check(d, "system", "prune", "--volumes", "--filter", "until=1h", "-f");
  }

  @Test
  void versionWithoutADaemonStillPrintsTheClient() throws Exception {
    Result r = Berthd.berthRaw(java.util.Map.of(), "-H", "unix://" + tmp.resolve("none.sock"), "version");
    assertThat(r.out()).startsWith("Client: Berth\n Version:           0.1.0\n").doesNotContain("Server:");
    assertThat(r.err()).contains("Cannot connect to the");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void eventsFollowsUntilStopped() throws Exception {
    // --since from before the create: the events are there however late the subscription starts
    String since = Long.toString(java.time.Instant.now().getEpochSecond() - 1);
    var cmd = Berthd.javaCommand(java.util.List.of("-H", d.host(), "events", "--since", since,
        "--filter", "type=container", "--format", "{{.Action}} {{.Actor.Attributes.name}}"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      assertThat(d.berth("create", "--network", "none", "--name", "followed", "busybox", "true").code()).isZero();
      String first = lines.readLine();
      assertThat(first).isEqualTo("create followed");
      assertThat(d.berth("rm", "followed").code()).isZero();
      assertThat(lines.readLine()).isEqualTo("destroy followed");
      assertThat(p.isAlive()).isTrue();
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  /** From the "Server:" line on. */
  private static String server(String out) {
    return out.substring(out.indexOf("Server:"));
  }
}
